using Ledger.Infrastructure.Application.Notifications;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The one write path, in the shape of Marten's FetchForWriting: load the accounts a command touches
/// (by name, not by index) → decide, purely → append with the versions loaded → publish. Commands that
/// arrive together are committed together (<see cref="GroupCommit"/>: one transaction, one flush, each
/// command under its own savepoint and decided on the state the ones before it leave); idempotency is
/// <see cref="CommandIdempotency"/>'s, snapshots and projections are subscribers to <see cref="EventsAppended"/>.
/// </summary>
public sealed class CommandWriter
{
    private readonly GroupCommit commits;

    public CommandWriter(
        IEventStore store,
        AccountLoader loader,
        AccountStateCache cache,
        CommandIdempotency idempotency,
        IPublisher publisher,
        SqlEngine engine,
        TimeProvider time,
        LedgerMetrics metrics,
        IOptions<LedgerOptions> options,
        ILogger<CommandWriter> logger) =>
        commits = new GroupCommit(store, loader, cache, idempotency, publisher, engine, time, metrics, options.Value, logger);

    /// <summary>
    /// Where the projections run beside the appends (PostgreSQL): events committed and answered but not yet
    /// handed to the projections beyond which the next commit waits for them (see <see cref="DeliveryQueue"/>).
    /// </summary>
    public const int MaxUndeliveredEvents = GroupCommit.MaxBatch;

    /// <summary>Events waiting at which a delivery goes without lingering for more (see <see cref="DeliveryQueue"/>).</summary>
    public const int DeliveryLingerEvents = 64;

    /// <summary>
    /// Completes once this process has published every commit it has made so far: its projections (where it
    /// leads) and its snapshots have them. On SQLite that happens inside the write turn, after the answer,
    /// once the deliveries stop lingering (see <see cref="FlushDeliveries"/>).
    /// </summary>
    public Task Published => commits.Published;

    /// <summary>
    /// As <see cref="Published"/>, for a caller about to wait for it: what is committed goes to the projections
    /// now rather than lingering for more commits to join it (see <see cref="LedgerOptions.ProjectionLingerMilliseconds"/>).
    /// </summary>
    public Task FlushDeliveries() => commits.FlushDeliveries();

    /// <summary>Commands waiting for a batch now (not counting the batch being committed): a diagnostic, and what tests wait on.</summary>
    public int Queued => commits.Queued;

    /// <summary>A command on one account: <paramref name="decide"/> gets its state (null before it is opened).</summary>
    public ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string accountId,
        Func<Account?, DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account, IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome =>
        WriteAsync(command, [accountId], (states, now) => decide(states[0], now), (after, events) => resultOf(after[0], events), cancellationToken);

    /// <summary>
    /// A command on two accounts in one transaction (a transfer): <paramref name="decide"/> gets the
    /// source's and the destination's state. An expected version applies to the source.
    /// </summary>
    public ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string sourceAccountId,
        string destinationAccountId,
        Func<Account?, Account?, DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account, Account, IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome =>
        WriteAsync(
            command,
            [sourceAccountId, destinationAccountId],
            (states, now) => decide(states[0], states[1], now),
            (after, events) => resultOf(after[0], after[1], events),
            cancellationToken);

    private async ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string[] accountIds,
        Func<Account?[], DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account[], IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        var pending = new PendingWrite<TResult>(command, accountIds, decide, resultOf);
        await commits.SubmitAsync(pending, cancellationToken);
        return pending.Outcome;
    }
}
