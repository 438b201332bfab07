namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The commands of one commit, decided one after the other on the states the earlier ones leave: an
/// overlay of the accounts this batch has appended to, over the cache and the store. Two withdrawals
/// from one account in one batch see each other, so they can never overdraw it. Nothing of the batch
/// reaches the cache until it has committed (<see cref="GroupCommit"/>).
/// </summary>
internal sealed class WriteBatch(IEventStoreSession session, AccountLoader loader, CommandIdempotency idempotency, AccountStateCache cache, TimeProvider time)
{
    /// <summary>States after this batch's appends: each was checked by its append's expected version, so it is the truth inside the batch.</summary>
    private readonly Dictionary<string, Account> overlay = new(StringComparer.Ordinal);

    /// <summary>
    /// Accounts this batch had appended to whose later append still lost a race (only something appending
    /// inside the batch's own transaction can cause that): later commands on them wait for a later batch.
    /// </summary>
    private readonly Dictionary<string, ConcurrencyException> conflicted = new(StringComparer.Ordinal);

    private readonly List<StoredEvent> events = [];

    /// <summary>What each append replaced in <see cref="overlay"/> (null: nothing), so the batch can go back to a <see cref="Mark"/>.</summary>
    private readonly List<(string AccountId, Account? Before)> journal = [];

    public IEventStoreSession Session => session;

    public CommandIdempotency Idempotency => idempotency;

    /// <summary>Every event the batch appended, in position order.</summary>
    public IReadOnlyList<StoredEvent> Events => events;

    /// <summary>The accounts the batch changed, as they are after it.</summary>
    public IReadOnlyCollection<Account> Accounts => overlay.Values;

    /// <summary>The real time, whatever flow leads the batch: a back-dated command carries its own moment (<see cref="PendingWrite"/>).</summary>
    public DateTimeOffset Now() => LedgerClock.CommitTime(time);

    public TimeProvider Time => time;

    /// <summary>
    /// The state of each account for a command: the batch's own for an account it has appended to (the
    /// committed state, read outside the batch's transaction, would not show those appends), else as
    /// <see cref="AccountLoader.LoadForWritingAsync"/> gives it; nothing else has written to those since
    /// the batch took the write lock.
    /// </summary>
    public async Task<LoadedStates> LoadAsync(string[] accountIds, bool verify)
    {
        var states = new Account?[accountIds.Length];
        var verified = true;
        for (var i = 0; i < accountIds.Length; i++)
        {
            if (conflicted.TryGetValue(accountIds[i], out var conflict))
            {
                // Where this batch's appends stand on that stream is unknown here: decide in the next batch, on versions read afresh.
                throw new ConcurrencyException(conflict.StreamId, conflict.Expected, conflict.ActualVersion);
            }

            if (overlay.TryGetValue(accountIds[i], out var own))
            {
                states[i] = own;
                continue;
            }

            var loaded = await loader.LoadForWritingAsync([accountIds[i]], verify, CancellationToken.None);
            states[i] = loaded.States[0];
            verified &= loaded.Verified;
        }

        return new LoadedStates(states, verified);
    }

    /// <summary>A command's append succeeded (inside the batch): later commands decide on these states.</summary>
    public void Appended(Account[] after, IReadOnlyList<StoredEvent> appended)
    {
        foreach (var state in after)
        {
            journal.Add((state.AccountId, overlay.GetValueOrDefault(state.AccountId)));
            overlay[state.AccountId] = state;
        }

        events.AddRange(appended);
        events.Sort((a, b) => a.Position.CompareTo(b.Position));
    }

    /// <summary>Where the batch stands now, to go back to with <see cref="RollBackTo"/>.</summary>
    public BatchMark Mark() => new(journal.Count, events.Count);

    /// <summary>
    /// Forgets the appends made since <paramref name="mark"/>: they were held back and never took effect
    /// (one of them failed when sent, see <see cref="IEventStoreSession.SendQueuedAsync"/>). Positions only
    /// grow inside a batch, so those appends' events are the last ones.
    /// </summary>
    public void RollBackTo(BatchMark mark)
    {
        for (var i = journal.Count - 1; i >= mark.Journal; i--)
        {
            var (accountId, before) = journal[i];
            if (before is null)
            {
                overlay.Remove(accountId);
            }
            else
            {
                overlay[accountId] = before;
            }
        }

        journal.RemoveRange(mark.Journal, journal.Count - mark.Journal);
        events.RemoveRange(mark.Events, events.Count - mark.Events);
    }

    /// <summary>
    /// A command's append lost a race: its cached states are no longer trusted. An account the batch has
    /// not appended to was stale in the cache only (another process appended before this batch took the
    /// write lock), so later commands read its version afresh and go on in this batch; one it has appended
    /// to is left alone (see <see cref="conflicted"/>).
    /// </summary>
    public void Conflicted(string[] accountIds, ConcurrencyException conflict)
    {
        foreach (var id in accountIds)
        {
            cache.Distrust(id);
            if (overlay.ContainsKey(id))
            {
                conflicted[id] = conflict;
            }
        }
    }
}

/// <summary>A point in a <see cref="WriteBatch"/> (see <see cref="WriteBatch.Mark"/>).</summary>
internal readonly record struct BatchMark(int Journal, int Events);
