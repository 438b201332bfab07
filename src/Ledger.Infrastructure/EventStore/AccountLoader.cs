using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Snapshots;

namespace Ledger.Infrastructure.EventStore;

/// <summary>
/// Rebuilds an account's current state: the cached state when the stream has not moved since, otherwise
/// the newer of the cached state and the latest usable snapshot, plus the events after it.
/// </summary>
public sealed class AccountLoader(IEventStore store, SnapshotStore snapshots, AccountStateCache cache)
{
    public async Task<Account?> LoadAsync(string accountId, CancellationToken cancellationToken)
    {
        var streamId = Account.StreamId(accountId);
        var current = await store.StreamVersionAsync(streamId, cancellationToken);
        if (current == 0)
        {
            return null;
        }

        cache.TryGet(accountId, out var cached);
        if (cached?.Version == current)
        {
            return cached;
        }

        var snapshot = await snapshots.LoadAsync(streamId, cancellationToken);
        var start = cached is not null && cached.Version <= current && cached.Version > (snapshot?.Version ?? 0) ? cached : snapshot;
        var tail = await store.ReadStreamDataAsync(streamId, (start?.Version ?? 0) + 1, cancellationToken);
        var state = Account.Fold(tail, start);
        if (state is not null)
        {
            cache.Remember(state);
        }

        return state;
    }

    /// <summary>The state from every event, ignoring snapshots and the cache: the reference both must equal.</summary>
    public async Task<Account?> ReplayAsync(string accountId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamDataAsync(Account.StreamId(accountId), 1, cancellationToken);
        return Account.Fold(events);
    }
}
