using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Infrastructure.Storage.Model;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// A hash of every account's row in the balances read model (id, currency, balance, status, version):
/// equal before and after a rebuild means the rebuild reproduced the read model. Interim: the rebuild
/// itself is to report its drift check, and then this goes.
/// </summary>
public sealed record GetReadModelFingerprintQuery : IQuery<ReadModelFingerprint>;

public sealed record ReadModelFingerprint(int Accounts, string Hash);

public sealed class ReadModelFingerprintQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetReadModelFingerprintQuery, ReadModelFingerprint>
{
    public async ValueTask<ReadModelFingerprint> Handle(GetReadModelFingerprintQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var accounts = 0;
        // Streamed in key order: one row in memory at a time, however many accounts there are.
        var rows = db.AccountBalances.AsNoTracking()
            .OrderBy(a => a.AccountId)
            .Select(a => new { a.AccountId, a.Currency, a.BalanceMinor, a.Status, a.Version })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{row.AccountId}|{row.Currency}|{row.BalanceMinor}|{row.Status}|{row.Version}\n");
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            accounts++;
        }

        return new ReadModelFingerprint(accounts, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
