using System.Collections.Concurrent;
using Ledger.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The last folded state of recently used accounts. A state is only ever used when the stream is still
/// at its version (the loader checks), and events are immutable, so a cached state is exactly what a
/// replay would give: this spares each command the snapshot read and the fold of its tail.
/// </summary>
public sealed class AccountStateCache(IOptions<LedgerOptions> options)
{
    private readonly ConcurrentDictionary<string, Account> states = new(StringComparer.Ordinal);

    public bool TryGet(string accountId, out Account state) => states.TryGetValue(accountId, out state!);

    /// <summary>Keeps the newer of the cached and the given state.</summary>
    public void Remember(Account state)
    {
        if (!states.ContainsKey(state.AccountId) && states.Count >= Math.Max(1, options.Value.StateCacheCapacity))
        {
            // Simpler than LRU and just as correct: a miss costs one snapshot read, never a wrong answer.
            states.Clear();
        }

        states.AddOrUpdate(state.AccountId, state, (_, cached) => cached.Version >= state.Version ? cached : state);
    }
}
