using System.Collections.Concurrent;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The last folded state of recently used accounts: the state this process committed or read last.
/// Events are immutable, so a cached state is exactly what a replay to its version gives; whether the
/// stream is still at that version is for the database to say. The write path decides on a trusted state
/// without asking first (an append on top of a version another process has moved past is refused by the
/// unique version index, see <see cref="CommandWriter"/>); such a refusal takes the trust away until the
/// version has been read again.
/// </summary>
public sealed class AccountStateCache(IOptions<LedgerOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> states = new(StringComparer.Ordinal);

    public bool TryGet(string accountId, out Account state)
    {
        var found = states.TryGetValue(accountId, out var entry);
        state = entry?.State!;
        return found;
    }

    /// <summary>A state no append has found stale since it was committed or read.</summary>
    public bool TryGetTrusted(string accountId, out Account state)
    {
        var found = states.TryGetValue(accountId, out var entry) && entry.Trusted;
        state = entry?.State!;
        return found;
    }

    /// <summary>Keeps the newer of the cached and the given state, which was just committed or read from the database.</summary>
    public void Remember(Account state)
    {
        if (!states.ContainsKey(state.AccountId) && states.Count >= Math.Max(1, options.Value.StateCacheCapacity))
        {
            // Simpler than LRU and just as correct: a miss costs one snapshot read, never a wrong answer.
            states.Clear();
        }

        var fresh = new Entry(state, Trusted: true);
        states.AddOrUpdate(state.AccountId, fresh, (_, cached) => cached.State.Version > state.Version ? cached : fresh);
    }

    /// <summary>The database has moved past the cached state: read the stream's version before using it again.</summary>
    public void Distrust(string accountId)
    {
        if (states.TryGetValue(accountId, out var entry) && entry.Trusted)
        {
            states.TryUpdate(accountId, entry with { Trusted = false }, entry);
        }
    }

    private sealed record Entry(Account State, bool Trusted);
}
