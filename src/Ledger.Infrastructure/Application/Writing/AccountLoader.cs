using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Rebuilds an account's current state: the cached state when the stream has not moved since, otherwise
/// the newer of the cached state and the latest usable snapshot, plus the events after it.
/// </summary>
public sealed class AccountLoader(IEventStore store, SnapshotStore snapshots, AccountStateCache cache)
{
    /// <summary>
    /// The state of each account for a command, in the order given; null for one that does not exist. With
    /// <paramref name="verify"/> false a trusted cached state is used without reading anything (the append
    /// checks its version, see <see cref="CommandWriter"/>); otherwise, and for an account not cached, the
    /// stream's version is read first.
    /// </summary>
    public async Task<LoadedStates> LoadForWritingAsync(IReadOnlyList<string> accountIds, bool verify, CancellationToken cancellationToken)
    {
        var states = new Account?[accountIds.Count];
        var verified = true;
        for (var i = 0; i < states.Length; i++)
        {
            if (!verify && cache.TryGetTrusted(accountIds[i], out var trusted))
            {
                states[i] = trusted;
                verified = false;
            }
            else
            {
                states[i] = await LoadAsync(accountIds[i], cancellationToken);
            }
        }

        return new LoadedStates(states, verified);
    }

    /// <summary>The current state, its version read from the database first; null when the account does not exist.</summary>
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
            cache.Remember(cached);
            return cached;
        }

        var usableCached = cached is not null && cached.Version < current ? cached : null;
        var state = await FoldFromStoreAsync(streamId, usableCached, cancellationToken);
        if (state is not null)
        {
            cache.Remember(state);
        }

        return state;
    }

    /// <summary>
    /// The state as a process that has never seen the account builds it, ignoring the cache: the latest
    /// usable snapshot plus the events after it.
    /// </summary>
    public Task<Account?> LoadFromStoreAsync(string accountId, CancellationToken cancellationToken) =>
        FoldFromStoreAsync(Account.StreamId(accountId), null, cancellationToken);

    /// <summary>The state from every event, ignoring snapshots and the cache: the reference both must equal.</summary>
    public async Task<Account?> ReplayAsync(string accountId, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(Account.StreamId(accountId), 1, cancellationToken);
        return Account.Fold(events);
    }

    private async Task<Account?> FoldFromStoreAsync(string streamId, Account? known, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(streamId, cancellationToken);
        var start = known is not null && known.Version > (snapshot?.Version ?? 0) ? known : snapshot;
        try
        {
            var tail = await store.ReadStreamAsync(streamId, (start?.Version ?? 0) + 1, cancellationToken);
            return Account.Fold(tail, start);
        }
        catch (UnreadableEventException unreadable)
        {
            // Deciding on a history with a hole in it could overdraw the account: refuse, and write nothing.
            throw new CommandRefusedException(CommandErrorCodes.StreamUnreadable,
                $"Account '{UnreadableEvent.AccountOf(streamId)}' holds a {unreadable.EventType} event (schema v{unreadable.SchemaVersion}) that this version of Ledger cannot read, "
                + "so no change can be made to it until a version that reads it is running. Other accounts are not affected.");
        }
    }
}

/// <summary>States loaded for a command; <see cref="Verified"/> is false when any came from the cache unchecked.</summary>
public sealed record LoadedStates(Account?[] States, bool Verified);
