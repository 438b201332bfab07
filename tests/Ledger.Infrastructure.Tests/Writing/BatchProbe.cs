using System.Runtime.CompilerServices;

namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// In front of the real store: holds one append until released, so the commands sent meanwhile queue
/// and commit as one batch; counts batches and the appends in them; fails a batch's COMMIT on demand
/// (the transaction is then rolled back, as after a COMMIT the disk refused).
/// </summary>
public sealed class BatchProbe : ForwardingEventStore
{
    /// <summary>The counter of the COMMIT under way on this flow, if any (see <see cref="ExceptionsInsideCommits"/>).</summary>
    private static readonly AsyncLocal<StrongBox<int>?> CommitUnderWay = new();

    private readonly StrongBox<int> exceptionsInsideCommits = new();

    private TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int holdNext;
    private int failNextCommit;
    private int inBatch;
    private int lockAttempts;
    private int mostHeld;

    /// <summary>The number of appends in each batch that committed, in order.</summary>
    public List<int> CommittedBatches { get; } = [];

    /// <summary>The most appends a batch held back at once, unsent (see <see cref="IEventStoreSession.QueueAppends"/>): 0 where every append ran at once.</summary>
    public int MostHeld => Volatile.Read(ref mostHeld);

    /// <summary>Times a writer asked the database for its write lock: an append alone, or a batch's begin.</summary>
    public int LockAttempts => Volatile.Read(ref lockAttempts);

    /// <summary>The next append waits inside its write turn until <see cref="Release"/>; await <see cref="Entered"/> to know it is there.</summary>
    public void HoldNextAppend()
    {
        entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref holdNext, 1);
    }

    public Task Entered => entered.Task;

    public void Release() => released.TrySetResult();

    public void FailNextCommit() => Volatile.Write(ref failNextCommit, 1);

    static BatchProbe() => AppDomain.CurrentDomain.FirstChanceException += (_, _) =>
    {
        if (CommitUnderWay.Value is { } counter)
        {
            Interlocked.Increment(ref counter.Value);
        }
    };

    /// <summary>
    /// Exceptions thrown (caught or not) inside the store's batch commits, on their own flow only: another
    /// test's exceptions never count. A commit that goes through should throw none, since each one thrown
    /// and caught costs the write turn tens of microseconds.
    /// </summary>
    public int ExceptionsInsideCommits => Volatile.Read(ref exceptionsInsideCommits.Value);

    protected override async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IEventStoreSession inner, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref holdNext, 0) == 1)
        {
            entered.TrySetResult();
            await released.Task;
        }

        if (inBatch == 0)
        {
            Interlocked.Increment(ref lockAttempts);
        }
        else
        {
            inBatch++;
        }

        var stored = await inner.AppendAsync(appends, metadata, command, cancellationToken);
        mostHeld = Math.Max(mostHeld, inner.QueuedAppends);
        return stored;
    }

    protected override async Task BeginBatchAsync(IEventStoreSession inner, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref lockAttempts);
        await inner.BeginBatchAsync(cancellationToken);
        inBatch = 1;
    }

    protected override async Task CommitBatchAsync(IEventStoreSession inner, CancellationToken cancellationToken)
    {
        var appends = inBatch - 1;
        inBatch = 0;
        if (Interlocked.Exchange(ref failNextCommit, 0) == 1)
        {
            throw new InvalidOperationException("COMMIT failed (injected)");
        }

        CommitUnderWay.Value = exceptionsInsideCommits;
        try
        {
            await inner.CommitBatchAsync(cancellationToken);
        }
        finally
        {
            CommitUnderWay.Value = null;
        }

        lock (CommittedBatches)
        {
            CommittedBatches.Add(appends);
        }
    }

    /// <summary>
    /// Sends <paramref name="blocker"/> and holds it in its write turn, starts <paramref name="commands"/> in
    /// order, waits until all are queued behind it, and lets it go: they commit as one batch. Returns the
    /// blocker's task first, then the commands'.
    /// </summary>
    public async Task<T[]> QueueBehindAsync<T>(TestLedger ledger, Func<Task<T>> blocker, params Func<Task<T>>[] commands)
    {
        HoldNextAppend();
        var started = new List<Task<T>> { Task.Run(blocker) };
        await Entered;
        var writer = ledger.Get<CommandWriter>();
        for (var i = 0; i < commands.Length; i++)
        {
            started.Add(Task.Run(commands[i]));
            await Poll.UntilAsync(() => writer.Queued == i + 1, $"command {i} queued", TimeSpan.FromSeconds(30));
        }

        Release();
        return await Task.WhenAll(started);
    }
}
