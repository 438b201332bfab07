using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Snapshots;

namespace Ledger.Infrastructure.EventStore;

/// <summary>Rebuilds an account's current state: the latest usable snapshot plus the events after it.</summary>
public sealed class AccountLoader(IEventStore store, SnapshotStore snapshots)
{
    public async Task<Account?> LoadAsync(string accountId, CancellationToken cancellationToken)
    {
        var streamId = Account.StreamId(accountId);
        var snapshot = await snapshots.LoadAsync(streamId, cancellationToken);
        var tail = await store.ReadStreamDataAsync(streamId, (snapshot?.Version ?? 0) + 1, cancellationToken);
        return Account.Fold(tail, snapshot);
    }

    /// <summary>The state from every event, ignoring snapshots: the reference a snapshot must equal.</summary>
    public async Task<Account?> ReplayAsync(string accountId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamDataAsync(Account.StreamId(accountId), 1, cancellationToken);
        return Account.Fold(events);
    }
}
