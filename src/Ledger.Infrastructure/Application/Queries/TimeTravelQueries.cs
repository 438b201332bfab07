using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sql;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>The account right after its event number <see cref="Version"/>; null if it has no such event.</summary>
public sealed record GetAccountStateAtVersionQuery(string AccountId, long Version) : IQuery<AccountStateView?>;

/// <summary>The account after its last event at or before <see cref="At"/>; null if it did not exist yet.</summary>
public sealed record GetAccountStateAtTimeQuery(string AccountId, DateTimeOffset At) : IQuery<AccountStateView?>;

/// <summary>Every account that existed at <see cref="At"/> (now when null), with totals per currency.</summary>
public sealed record GetBalancesAsOfQuery(DateTimeOffset? At = null) : IQuery<BalancesAsOfView>;

/// <summary>
/// Time travel reads <c>account_ledger</c>, which holds the balance after every event, so any point
/// in an account's past is one index seek instead of a replay.
/// </summary>
public sealed class TimeTravelQueryHandlers(IDbContextFactory<LedgerDbContext> contexts, SqlEngine engine, TimeProvider time) :
    IQueryHandler<GetAccountStateAtVersionQuery, AccountStateView?>,
    IQueryHandler<GetAccountStateAtTimeQuery, AccountStateView?>,
    IQueryHandler<GetBalancesAsOfQuery, BalancesAsOfView>
{
    public async ValueTask<AccountStateView?> Handle(GetAccountStateAtVersionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LedgerEntries.AsNoTracking()
            .FirstOrDefaultAsync(l => l.AccountId == query.AccountId && l.Version == query.Version, cancellationToken);
        return row?.ToState();
    }

    public async ValueTask<AccountStateView?> Handle(GetAccountStateAtTimeQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LedgerEntries.AsNoTracking()
            .Where(l => l.AccountId == query.AccountId && l.OccurredAt <= query.At)
            .OrderByDescending(l => l.OccurredAt).ThenByDescending(l => l.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToState();
    }

    public async ValueTask<BalancesAsOfView> Handle(GetBalancesAsOfQuery query, CancellationToken cancellationToken)
    {
        var at = query.At ?? time.GetUtcNow();
        // For each account, one seek on (account_id, occurred_at, version) finds its last event at or
        // before the moment. Read with a plain data reader: with 10,000 accounts, EF Core's
        // materialization was a quarter of this query's time (benchmark M6).
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        await using var command = SqlCommands.Create(connection, null, """
            SELECT b.account_id, b.holder_name, l.currency, l.balance_after_minor, l.status_after, l.version
            FROM account_balances AS b
            JOIN account_ledger AS l ON l.account_id = b.account_id AND l.version = (
                SELECT x.version FROM account_ledger AS x
                WHERE x.account_id = b.account_id AND x.occurred_at <= @at
                ORDER BY x.occurred_at DESC, x.version DESC LIMIT 1)
            ORDER BY b.account_id
            """, "@at").Set("@at", engine.Instant(at));
        var rows = new List<BalanceAsOfRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new BalanceAsOfRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5)));
            }
        }

        var accounts = rows
            .Select(r => new BalanceAsOf(r.AccountId, r.HolderName, r.Currency, Amounts.FromMinorUnits(r.BalanceMinor, r.Currency), Enum.Parse<AccountStatus>(r.Status), r.Version))
            .ToArray();
        var totals = rows
            .GroupBy(r => r.Currency)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, Amounts.FromMinorUnits(g.Sum(r => r.BalanceMinor), g.Key), g.Count()))
            .ToArray();
        return new BalancesAsOfView(at, accounts, totals);
    }

    private sealed record BalanceAsOfRow(string AccountId, string HolderName, string Currency, long BalanceMinor, string Status, long Version);
}
