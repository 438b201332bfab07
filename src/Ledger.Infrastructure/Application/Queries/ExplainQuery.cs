using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// Why an account's balance is what it is: after event <see cref="Version"/>, or after its last event at or
/// before <see cref="At"/> (recorded by <see cref="KnownAt"/>), or now when neither is given. Null when the
/// account had no such state.
/// </summary>
public sealed record ExplainBalanceQuery(string AccountId, long? Version = null, DateTimeOffset? At = null, DateTimeOffset? KnownAt = null)
    : IQuery<BalanceExplanation?>;

/// <summary>One event of the replay: the balance before it, what it did, and the balance after.</summary>
public sealed record ReplayStep(long Version, string Type, decimal BalanceBefore, decimal Amount, decimal BalanceAfter, AccountStatus StatusAfter);

/// <summary>
/// The balance the read model shows (<see cref="Balance"/>), the snapshot the replay started from (none:
/// from the first event), the events after it, each step of folding them, and whether the fold's result
/// (<see cref="ReplayedBalance"/>) equals the read model's figure. <see cref="Problem"/> says why a replay
/// could not finish (an event this build cannot read). <see cref="Events"/> and <see cref="Steps"/> are the last
/// <see cref="LedgerOptions.ExplainMaxSteps"/> of the replay; <see cref="OmittedSteps"/> earlier ones were folded
/// too but are not listed.
/// </summary>
public sealed record BalanceExplanation(
    string AccountId,
    string Currency,
    long Version,
    decimal Balance,
    long? SnapshotVersion,
    decimal? SnapshotBalance,
    IReadOnlyList<EventView> Events,
    IReadOnlyList<ReplayStep> Steps,
    decimal? ReplayedBalance,
    string? Problem = null,
    long OmittedSteps = 0)
{
    public bool Matches => Problem is null && ReplayedBalance == Balance;
}

/// <summary>
/// Replays from the stored events, the way the write side loads an account (snapshot + tail), and sets the
/// result beside the projection's figure: the read model and the events must agree, and this shows it.
/// </summary>
public sealed class ExplainQueryHandler(IDbContextFactory<LedgerDbContext> contexts, SnapshotStore snapshots, IOptions<LedgerOptions> options)
    : IQueryHandler<ExplainBalanceQuery, BalanceExplanation?>
{
    public async ValueTask<BalanceExplanation?> Handle(ExplainBalanceQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await TargetAsync(db, query, cancellationToken);
        if (target is null)
        {
            return null;
        }

        var (version, balance, currency) = target.Value;
        var streamId = Account.StreamId(query.AccountId);
        var snapshot = await snapshots.LoadAsync(streamId, cancellationToken);
        if (snapshot is not null && snapshot.Version > version)
        {
            snapshot = null;
        }

        var after = snapshot?.Version ?? 0;
        var limit = Math.Max(1, options.Value.ExplainMaxSteps);
        var records = db.Events.AsNoTracking()
            .Where(e => e.StreamId == streamId && e.StreamVersion > after && e.StreamVersion <= version)
            .OrderBy(e => e.StreamVersion).AsAsyncEnumerable();

        // Every event is folded (the check needs them all), streamed rather than loaded; only the last
        // `limit` are kept for the answer, so an account replayed from its first event stays a bounded reply.
        // They are kept as rows and made views at the end: a view parses the event's JSON and its metadata again,
        // and doing that for every event folded was most of a 48,000-event replay's second.
        var kept = new Queue<EventRecord>(limit);
        var steps = new Queue<ReplayStep>(limit);
        var omitted = 0L;
        var state = snapshot;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            IAccountEvent data;
            try
            {
                data = EventSerializer.Deserialize(record.EventType, record.SchemaVersion, record.Data);
            }
            catch (UnreadableEventException unreadable)
            {
                Keep(kept, record, limit);
                return new BalanceExplanation(query.AccountId, currency, version, balance, snapshot?.Version, snapshot?.Balance, Views(kept), [.. steps], null,
                    $"Event {record.StreamVersion} ({record.EventType}, schema v{record.SchemaVersion}) cannot be read by this build: {unreadable.Reason}.", omitted);
            }

            var before = state?.Balance ?? 0;
            state = Account.Evolve(state, data);
            Keep(kept, record, limit);
            if (Keep(steps, new ReplayStep(record.StreamVersion, record.EventType, before, state.Balance - before, state.Balance, state.Status), limit))
            {
                omitted++;
            }
        }

        return new BalanceExplanation(query.AccountId, currency, version, balance, snapshot?.Version, snapshot?.Balance, Views(kept), [.. steps], state?.Balance, null, omitted);
    }

    private static EventView[] Views(IEnumerable<EventRecord> records) => [.. records.Select(r => r.ToView())];

    /// <summary>Adds <paramref name="item"/>, dropping the oldest beyond <paramref name="limit"/>; true when one was dropped.</summary>
    private static bool Keep<T>(Queue<T> kept, T item, int limit)
    {
        kept.Enqueue(item);
        if (kept.Count <= limit)
        {
            return false;
        }

        kept.Dequeue();
        return true;
    }

    /// <summary>The version asked about and the balance the read model gives for it.</summary>
    private static async Task<(long Version, decimal Balance, string Currency)?> TargetAsync(LedgerDbContext db, ExplainBalanceQuery query, CancellationToken cancellationToken)
    {
        if (query.Version is null && query.At is null)
        {
            var account = await db.AccountBalances.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == query.AccountId, cancellationToken);
            return account is null ? null : (account.Version, Amounts.FromMinorUnits(account.BalanceMinor, account.Currency), account.Currency);
        }

        var entries = db.LedgerEntries.AsNoTracking().Where(l => l.AccountId == query.AccountId);
        if (query.Version is { } version)
        {
            entries = entries.Where(l => l.Version == version);
        }
        else
        {
            var (at, known) = (query.At!.Value, KnownAt.OrEverything(query.KnownAt));
            entries = entries.Where(l => l.OccurredAt <= at && l.RecordedAt <= known).OrderByDescending(l => l.OccurredAt).ThenByDescending(l => l.Version);
        }

        var row = await entries.FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Version, Amounts.FromMinorUnits(row.BalanceAfterMinor, row.Currency), row.Currency);
    }
}
