using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Group commit, leader and followers: a command joins the queue; the one that finds no batch in flight
/// leads, takes every command queued at that moment (up to <see cref="MaxBatch"/>) and commits them in
/// one transaction, one flush; whoever queued meanwhile forms the next batch as soon as this one is done.
/// There is no timer: a lone client's command is a batch of one, committed at once, as it always was.
/// Callers hear their answers only after the commit (see <see cref="WriteBatch"/> for how each command is
/// decided, and docs/architecture.md for the failure rules).
/// </summary>
internal sealed partial class GroupCommit(
    IEventStore store,
    AccountLoader loader,
    AccountStateCache cache,
    CommandIdempotency idempotency,
    IPublisher publisher,
    SqlEngine engine,
    TimeProvider time,
    LedgerMetrics metrics,
    LedgerOptions options,
    ILogger logger)
{
    /// <summary>
    /// At most this many commands per commit. A command is a few hundred bytes to a few KiB (descriptions
    /// are bounded), so a batch stays well under a few MiB; a longer queue is simply the next batch.
    /// </summary>
    public const int MaxBatch = 512;

    private readonly Lock gate = new();
    private readonly List<PendingWrite> queue = [];
    private bool leading;

    /// <summary>Callers the last batch of several answered whose next command has not queued yet (see <see cref="Gather"/>).</summary>
    private int returning;

    private readonly long gatherTicks = Stopwatch.Frequency * Math.Max(0, options.GroupCommitGatherMicroseconds) / 1_000_000;

    /// <summary>The committed batches on their way to the projections, in commit order (made on first use).</summary>
    private DeliveryQueue? deliveries;

    /// <summary>Completes once every batch committed so far has been published.</summary>
    public Task Published => Deliveries.Published;

    /// <summary>
    /// Beside the appends (PostgreSQL) the queue delivers on its own; with one writer (SQLite) the write turn
    /// delivers, and the queue asks for a turn when nobody else would take one (<see cref="WakeTurn"/>).
    /// </summary>
    private DeliveryQueue Deliveries => LazyInitializer.EnsureInitialized(ref deliveries, () => new DeliveryQueue(
        PublishAsync,
        TimeSpan.FromMilliseconds(Math.Max(0, options.ProjectionLingerMilliseconds)),
        engine.ProjectsBesideAppends ? null : WakeTurn));

    /// <summary>What is committed goes to the projections without lingering (someone reads); completes once published.</summary>
    public Task FlushDeliveries() => Deliveries.Flush();

    public int Queued
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Queues the command and waits for its batch's commit; the first caller with no batch in flight leads.</summary>
    public async Task SubmitAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool lead;
        lock (gate)
        {
            queue.Add(pending);
            returning = Math.Max(0, returning - 1);
            lead = !leading;
            leading = true;
        }

        if (lead)
        {
            // Inline, on the caller's own flow: a lone client pays no hand-over. Its caller goes once answered,
            // though: the batch's projections may still be running (on SQLite inside the write turn).
            var leading = LeadAsync();
            if (await Task.WhenAny(leading, pending.Answered) == leading)
            {
                await leading;
            }
        }

        // Once queued, the command goes to its end with its batch; a caller that stops waiting (a lost
        // reply) is told so, and a resend under the same id gets the answer it missed.
        await pending.Answered.WaitAsync(cancellationToken);
    }

    private async Task LeadAsync()
    {
        var handedOver = false;
        void HandOver()
        {
            if (handedOver)
            {
                return;
            }

            handedOver = true;
            bool more;
            lock (gate)
            {
                more = queue.Count > 0 || (!engine.ProjectsBesideAppends && Deliveries.IsDue);
                leading = more;
            }

            if (more)
            {
                // The next leader leads from the pool, so this one's caller is answered now rather than after it, and on
                // a flow of its own: it works for every caller queued, not for the one whose flow hands over (its
                // back-dating, its trace).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(LeadAsync);
                }
            }
        }

        try
        {
            if (!engine.ProjectsBesideAppends)
            {
                // What a read waits for goes first (earlier commits: the order holds), not after this batch's append;
                // a delivery merely due waits until after it, so the callers queued now do not wait for it.
                await Deliveries.DeliverDueAsync(waitedForOnly: true);
            }

            Gather();
            var batch = Take();
            if (batch.Count > 0)
            {
                await CommitAsync(batch, HandOver);
            }
            else if (!engine.ProjectsBesideAppends)
            {
                // A turn taken for deliveries alone (see WakeTurn).
                await Deliveries.DeliverDueAsync();
            }
        }
        finally
        {
            HandOver();
        }
    }

    /// <summary>
    /// With one writer (SQLite): deliveries wait for the write turn (a linger ran out, or a read flushes). If a
    /// turn is under way, it delivers them before it ends (its hand-over checks); else this takes one, for them alone.
    /// </summary>
    private void WakeTurn()
    {
        lock (gate)
        {
            if (leading)
            {
                return;
            }

            leading = true;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(LeadAsync);
        }
    }

    /// <summary>
    /// Waits a moment, at most <see cref="LedgerOptions.GroupCommitGatherMicroseconds"/>, for the callers the last
    /// batch answered to queue their next commands: until as many commands have arrived since (whoever sent them)
    /// as that batch answered. They are answered together but come back one after another (each runs its own
    /// pipeline first), so a leader that took the queue at once would commit about half of them and leave the rest
    /// a flush of their own. Only with something queued (a turn for deliveries alone does not wait) and only after
    /// a batch of several: a lone client's next command is itself the one waited for. It spins rather than sleeps,
    /// because a timer's resolution is a millisecond, several times the wait; under CPU contention a yield inside
    /// the spin may overrun the bound by a scheduler slice.
    /// </summary>
    private void Gather()
    {
        if (gatherTicks == 0 || Volatile.Read(ref returning) == 0 || Queued == 0)
        {
            return;
        }

        var until = Stopwatch.GetTimestamp() + gatherTicks;
        var spin = default(SpinWait);
        while (Volatile.Read(ref returning) > 0 && Stopwatch.GetTimestamp() < until)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        lock (gate)
        {
            // Whoever has not come back by now is not waited for again.
            returning = 0;
        }
    }

    /// <summary>
    /// The commands queued now, in order, up to <see cref="MaxBatch"/>. A command whose id or natural key
    /// one already taken carries stays queued for the next batch: after this commit it finds the first
    /// one's record and is answered as its resend (an id acts once, even twice in one batch).
    /// </summary>
    private List<PendingWrite> Take()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var naturalKeys = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<PendingWrite>();
        lock (gate)
        {
            for (var i = 0; i < queue.Count && taken.Count < MaxBatch; i++)
            {
                var command = queue[i].Command;
                if (ids.Contains(command.CommandId) || (command.NaturalKey is { } key && naturalKeys.Contains(key)))
                {
                    continue;
                }

                ids.Add(command.CommandId);
                if (command.NaturalKey is { } natural)
                {
                    naturalKeys.Add(natural);
                }

                taken.Add(queue[i]);
                queue.RemoveAt(i--);
            }
        }

        return taken;
    }

    /// <param name="pending">The batch, in queue order.</param>
    /// <param name="handOver">Lets the next batch begin; called as soon as this one's write turn is over.</param>
    private async Task CommitAsync(List<PendingWrite> pending, Action handOver)
    {
        IEventStoreSession? session = null;
        WriteBatch batch;
        try
        {
            session = await store.BeginWritingAsync(CancellationToken.None);
            // A batch of one commits its append on its own, exactly as before group commit: no savepoint, no extra statement.
            var grouped = pending.Count > 1;
            if (grouped)
            {
                await session.BeginBatchAsync(CancellationToken.None);
                session.QueueAppends = true;
            }

            batch = new WriteBatch(session, loader, idempotency, cache, time);
            await DecideAllAsync(session, batch, pending);

            if (grouped)
            {
                await session.CommitBatchAsync(CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            if (session is not null)
            {
                // Rolls back whatever the batch began, if the failure has not already.
                await session.DisposeAsync();
            }

            FailAll(pending, exception);
            return;
        }

        // Durable from here: what was committed is acknowledged whatever happens next.
        try
        {
            // The cache before the turn ends: the next batch decides on these states.
            Committed(batch, pending.Count);
            if (!engine.ProjectsBesideAppends || !options.AnswerAfterProjections)
            {
                // Its callers hear their answers before the next leader begins (beside the appends, answers that wait
                // for the projections come only after it has begun: it would wait for nobody).
                ExpectReturns(pending.Count);
            }
            if (pending.Count > 1)
            {
                LogBatch(logger, pending.Count, batch.Events.Count);
            }

            if (!engine.ProjectsBesideAppends)
            {
                Deliveries.Enqueue(batch, flush: options.AnswerAfterProjections);
                if (!options.AnswerAfterProjections)
                {
                    // Durable, so the callers hear now, before any delivery this turn makes: their next commands
                    // queue meanwhile and join the next batch. A read through this process still reflects each
                    // answer (the ReadFence flushes the deliveries and waits for them).
                    AnswerAll(pending);
                }

                // The session's end releases the appender's turn (its connection stays open for the next batch);
                // nothing else appends meanwhile, as the next leader begins only once this turn is over.
                await session.DisposeAsync();
                // Still inside the write turn, so projections and snapshots never contend with this process's
                // next append; several batches' worth at once, unless someone waits (see DeliveryQueue).
                await Deliveries.DeliverDueAsync();
                return;
            }

            // Queued inside the turn, so deliveries keep commit order; the next batch appends meanwhile.
            var delivery = Deliveries.Enqueue(batch, flush: options.AnswerAfterProjections);
            await delivery.Room;
            await session.DisposeAsync();
            handOver();
            if (options.AnswerAfterProjections)
            {
                await delivery.Published;
            }
        }
        finally
        {
            await session.DisposeAsync();
            AnswerAll(pending);
        }
    }

    /// <summary>The callers of a committed batch of several are about to hear their answers; the next leader may wait for them (see <see cref="Gather"/>).</summary>
    private void ExpectReturns(int answered)
    {
        if (answered > 1)
        {
            lock (gate)
            {
                returning = answered;
            }
        }
    }

    /// <summary>Each caller of a committed batch hears its outcome (once: a second call changes nothing).</summary>
    private static void AnswerAll(List<PendingWrite> pending)
    {
        foreach (var command in pending)
        {
            command.Answer();
        }
    }
}
