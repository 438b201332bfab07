using System.Diagnostics;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Committed batches wait here to be published, in commit order, one delivery at a time. Batches that
/// commit while one waits go out together in the next delivery: one projection transaction for several
/// commits, so the read model keeps up with the appends however fast they come, at a fraction of the
/// statements per command. While nobody is waiting for the read model, a delivery also lingers up to
/// <paramref name="linger"/> (or until <see cref="LingerEvents"/> events wait) for more commits to join it:
/// a lone client's commands then share deliveries too, which on a small machine is CPU its next commands
/// get (benchmarks M1-pg and M2). A read that needs the read model calls <see cref="Flush"/>, and what is
/// queued goes at once, so no read waits out a linger.
/// Where projections run beside the appends (PostgreSQL), the queue delivers from a task of its own, and it
/// is bounded: a batch that finds more than <see cref="MaxQueuedEvents"/> events waiting is held (its write
/// turn with it, see <see cref="GroupCommit"/>) until the delivery in flight is done, so the read model is
/// never more than about two deliveries behind the last answer. Where the database has one writer (SQLite),
/// the write turn delivers (<see cref="DeliverDueAsync"/>, between two batches' appends), and
/// <paramref name="wakeTurn"/> asks for a turn when a linger runs out or a read flushes with none under way.
/// </summary>
internal sealed class DeliveryQueue(Func<IReadOnlyList<StoredEvent>, Account[], Task> publish, TimeSpan linger, Action? wakeTurn = null)
{
    /// <summary>Events waiting beyond which a committing batch waits for the delivery in flight.</summary>
    public const int MaxQueuedEvents = CommandWriter.MaxUndeliveredEvents;

    /// <summary>Events waiting at which a delivery stops lingering: one projection transaction of this many is already cheap per event.</summary>
    public const int LingerEvents = CommandWriter.DeliveryLingerEvents;

    private readonly Lock gate = new();
    private readonly List<(WriteBatch Batch, TaskCompletionSource Published)> queued = [];
    private int queuedEvents;
    private bool delivering;
    private bool flushing;
    private long oldestQueuedAt;
    private TaskCompletionSource? lingering;
    private Task inFlight = Task.CompletedTask;
    private Task lastPublished = Task.CompletedTask;

    /// <summary>Completes once every batch queued so far has been published (they are published in order).</summary>
    public Task Published
    {
        get
        {
            lock (gate)
            {
                return lastPublished;
            }
        }
    }

    /// <summary>
    /// Someone waits for the read model: what is queued now goes without lingering. Completes once every
    /// batch queued so far has been published.
    /// </summary>
    public Task Flush()
    {
        Task published;
        bool waiting;
        lock (gate)
        {
            waiting = queued.Count > 0;
            flushing |= waiting;
            WakeLingering();
            published = lastPublished;
        }

        if (waiting)
        {
            wakeTurn?.Invoke();
        }

        return published;
    }

    /// <summary>Batches are waiting and should go now: someone reads, enough have gathered, or the oldest has lingered long enough.</summary>
    public bool IsDue
    {
        get
        {
            lock (gate)
            {
                return IsDueNow();
            }
        }
    }

    /// <summary>
    /// Where the write turn delivers: publishes, inside it, whatever is due (see <see cref="IsDue"/>) as one
    /// delivery, and nothing when nothing is; with <paramref name="waitedForOnly"/>, only what someone waits for
    /// (a read flushed, or an answer waits for the tables).
    /// </summary>
    public async Task DeliverDueAsync(bool waitedForOnly = false)
    {
        List<(WriteBatch Batch, TaskCompletionSource Published)> taken;
        lock (gate)
        {
            if (waitedForOnly ? !(queued.Count > 0 && flushing) : !IsDueNow())
            {
                return;
            }

            taken = TakeAll();
        }

        await PublishAsync(taken);
    }

    /// <summary>
    /// Queues a committed batch; call it inside the write turn, so the order here is commit order.
    /// <see cref="Delivery.Published"/> completes once its events were handed to the subscribers (whether
    /// they took them or left them to catch-up); <see cref="Delivery.Room"/> once the queue has room again.
    /// <paramref name="flush"/> sends it without lingering (its caller waits for it).
    /// </summary>
    public Delivery Enqueue(WriteBatch batch, bool flush = false)
    {
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        bool due;
        Task room;
        lock (gate)
        {
            if (queued.Count == 0)
            {
                oldestQueuedAt = Stopwatch.GetTimestamp();
            }

            queued.Add((batch, published));
            lastPublished = published.Task;
            queuedEvents += batch.Events.Count;
            room = queuedEvents > MaxQueuedEvents ? inFlight : Task.CompletedTask;
            flushing |= flush;
            if (flushing || queuedEvents >= LingerEvents)
            {
                WakeLingering();
            }

            start = !delivering;
            delivering = true;
            due = IsDueNow();
        }

        if (wakeTurn is not null)
        {
            // The write turn delivers; this one may have to ask for another once the linger runs out.
            if (start && !due)
            {
                _ = WakeTurnAfterLingerAsync();
            }

            return new Delivery(published.Task, Task.CompletedTask);
        }

        if (start)
        {
            // From the pool: the batch's callers are answered without waiting for the delivery.
            _ = Task.Run(DeliverAllAsync);
        }

        return new Delivery(published.Task, room);
    }

    private async Task DeliverAllAsync()
    {
        while (true)
        {
            List<(WriteBatch Batch, TaskCompletionSource Published)>? taken = null;
            TaskCompletionSource? done = null;
            Task? wake = null;
            var left = TimeSpan.Zero;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    delivering = false;
                    return;
                }

                left = linger - Stopwatch.GetElapsedTime(oldestQueuedAt);
                if (!flushing && queuedEvents < LingerEvents && left > TimeSpan.Zero)
                {
                    lingering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wake = lingering.Task;
                }
                else
                {
                    taken = TakeAll();
                    done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    inFlight = done.Task;
                }
            }

            if (wake is not null)
            {
                // Real time, not the ledger's clock: this is about CPU, and a test's frozen clock must not hold deliveries.
                // Whole milliseconds, rounded up: a delay of less than one is no delay, and the loop would spin.
                await Task.WhenAny(wake, Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds))));
                continue;
            }

            try
            {
                await PublishAsync(taken!);
            }
            finally
            {
                done!.TrySetResult();
            }
        }
    }

    /// <summary>Everything queued, as one delivery (under the gate).</summary>
    private List<(WriteBatch Batch, TaskCompletionSource Published)> TakeAll()
    {
        List<(WriteBatch Batch, TaskCompletionSource Published)> taken = [.. queued];
        queued.Clear();
        queuedEvents = 0;
        flushing = false;
        lingering = null;
        if (wakeTurn is not null)
        {
            // Nothing left for a linger to wait on: the next batch queued starts one of its own.
            delivering = false;
        }

        return taken;
    }

    private async Task PublishAsync(List<(WriteBatch Batch, TaskCompletionSource Published)> taken)
    {
        try
        {
            var (events, accounts) = Merge(taken.Select(t => t.Batch));
            await publish(events, accounts);
        }
        finally
        {
            foreach (var (_, published) in taken)
            {
                published.TrySetResult();
            }
        }
    }

    /// <summary>Asks for a write turn once the oldest batch waiting has lingered long enough (the turn finds it due).</summary>
    private async Task WakeTurnAfterLingerAsync()
    {
        var left = linger;
        while (left > TimeSpan.Zero)
        {
            // Real time, not the ledger's clock (as in DeliverAllAsync); whole milliseconds, rounded up.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds))).ConfigureAwait(false);
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    // Delivered meanwhile: the next batch queued arms a wake-up of its own.
                    return;
                }

                // Not quite due yet (a timer may fire a little early), or a later batch is now the oldest.
                left = linger - Stopwatch.GetElapsedTime(oldestQueuedAt);
            }
        }

        wakeTurn!();
    }

    /// <summary>Under the gate: see <see cref="IsDue"/>.</summary>
    private bool IsDueNow() =>
        queued.Count > 0 && (flushing || queuedEvents >= LingerEvents || Stopwatch.GetElapsedTime(oldestQueuedAt) >= linger);

    /// <summary>
    /// Several commits as one: their events in position order, and every account as each commit left it, in
    /// commit order (the snapshots are taken of the state that crossed their interval, see SnapshotSubscriber).
    /// </summary>
    private static (IReadOnlyList<StoredEvent> Events, Account[] Accounts) Merge(IEnumerable<WriteBatch> batches)
    {
        var events = new List<StoredEvent>();
        var accounts = new List<Account>();
        foreach (var batch in batches)
        {
            events.AddRange(batch.Events);
            accounts.AddRange(batch.Accounts);
        }

        return (events, accounts.ToArray());
    }

    /// <summary>Ends a linger early (under the gate).</summary>
    private void WakeLingering()
    {
        lingering?.TrySetResult();
        lingering = null;
    }

    /// <summary>A queued batch: when it was published, and when the queue had room for it.</summary>
    public readonly record struct Delivery(Task Published, Task Room);
}
