using System.Collections.Concurrent;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// An account's currency never changes, so projections converting amounts to minor units can cache it
/// forever; a miss reads the account's AccountOpened event, which always precedes its other events.
/// </summary>
public sealed class AccountCurrencies
{
    private readonly ConcurrentDictionary<string, string> byAccount = new(StringComparer.Ordinal);

    public void Remember(AccountOpened opened) => byAccount.TryAdd(opened.AccountId, opened.Currency);

    /// <summary>The currency of the account <paramref name="event"/> is on; an opening is remembered on the way, without a read.</summary>
    public ValueTask<string> OfAsync(IAccountEvent @event, SqlEngine engine, BatchedTransaction writes, CancellationToken cancellationToken)
    {
        if (@event is AccountOpened opened)
        {
            Remember(opened);
            return ValueTask.FromResult(opened.Currency);
        }

        return new ValueTask<string>(GetAsync(@event.AccountId, engine, writes.Connection, writes.Current, cancellationToken));
    }

    public async Task<string> GetAsync(string accountId, SqlEngine engine, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (byAccount.TryGetValue(accountId, out var currency))
        {
            return currency;
        }

        await using var command = SqlCommands.Create(connection, transaction, engine.Sql.ReadOpeningEvent, "@stream").Set("@stream", Account.StreamId(accountId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)
            || EventRows.ReadPayload(reader) is not AccountOpened opened)
        {
            throw new InvalidOperationException($"Account '{accountId}' has events but no AccountOpened.");
        }

        Remember(opened);
        return opened.Currency;
    }
}
