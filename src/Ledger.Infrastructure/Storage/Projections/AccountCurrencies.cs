using System.Collections.Concurrent;
using System.Data.Common;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// An account's currency never changes, so projections converting amounts to minor units can cache it
/// forever; a miss reads the account's AccountOpened event, which always precedes its other events.
/// </summary>
public sealed class AccountCurrencies
{
    private readonly ConcurrentDictionary<string, string> byAccount = new(StringComparer.Ordinal);

    public void Remember(AccountOpened opened) => byAccount.TryAdd(opened.AccountId, opened.Currency);

    public async Task<string> GetAsync(string accountId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (byAccount.TryGetValue(accountId, out var currency))
        {
            return currency;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT event_type, schema_version, data FROM events WHERE stream_id = @stream AND stream_version = 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@stream";
        parameter.Value = Account.StreamId(accountId);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)
            || EventSerializer.Deserialize(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) is not AccountOpened opened)
        {
            throw new InvalidOperationException($"Account '{accountId}' has events but no AccountOpened.");
        }

        Remember(opened);
        return opened.Currency;
    }
}
