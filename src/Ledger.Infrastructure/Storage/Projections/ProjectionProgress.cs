namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// How far this process knows every projection has got, and a wait for a position: the read-your-writes
/// half of a command's answer. It hears every <see cref="ReadModelNotifier"/> change (each names a position
/// its projection has reached): this process's own runner, and on an instance that does not lead the
/// leader's moves as <see cref="RemoteProjectionWatch"/> reads them. A waiter also re-reads the checkpoints
/// now and then, so a lost wake-up only costs time.
/// </summary>
public sealed class ProjectionProgress
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> known = new(StringComparer.Ordinal);
    private readonly List<(long Position, TaskCompletionSource Reached)> waiting = [];
    private readonly string[] names;

    public ProjectionProgress(ReadModelNotifier notifier, IEnumerable<IProjection> projections)
    {
        names = projections.Select(p => p.Name).ToArray();
        notifier.Changed += change => Advance(change.Projection, change.Position);
    }

    /// <summary>The position every projection has reached, as far as this process knows.</summary>
    public long Reached
    {
        get
        {
            lock (gate)
            {
                return ReachedUnderLock();
            }
        }
    }

    /// <summary>A projection's checkpoint is at least <paramref name="position"/> (never moves it back).</summary>
    public void Advance(string projection, long position)
    {
        List<TaskCompletionSource>? done = null;
        lock (gate)
        {
            if (position <= known.GetValueOrDefault(projection))
            {
                return;
            }

            known[projection] = position;
            var reached = ReachedUnderLock();
            for (var i = waiting.Count - 1; i >= 0; i--)
            {
                if (waiting[i].Position <= reached)
                {
                    (done ??= []).Add(waiting[i].Reached);
                    waiting.RemoveAt(i);
                }
            }
        }

        // Outside the lock: a continuation may run inline.
        done?.ForEach(t => t.TrySetResult());
    }

    /// <summary>
    /// Returns true once every projection has reached <paramref name="position"/>, false after
    /// <paramref name="timeout"/>. <paramref name="recheck"/> reads the checkpoints from the database
    /// (into <see cref="Advance"/>) every <paramref name="recheckEvery"/> while it waits.
    /// </summary>
    public async Task<bool> WaitAsync(long position, TimeSpan timeout, TimeSpan recheckEvery, Func<CancellationToken, Task> recheck, CancellationToken cancellationToken)
    {
        TaskCompletionSource reached;
        lock (gate)
        {
            if (ReachedUnderLock() >= position)
            {
                return true;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((position, reached));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!reached.Task.IsCompleted)
            {
                await Task.WhenAny(reached.Task, Task.Delay(recheckEvery, deadline.Token));
                deadline.Token.ThrowIfCancellationRequested();
                if (!reached.Task.IsCompleted)
                {
                    await recheck(deadline.Token);
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return reached.Task.IsCompleted;
        }
        finally
        {
            lock (gate)
            {
                waiting.RemoveAll(w => w.Reached == reached);
            }
        }
    }

    private long ReachedUnderLock() => names.Length == 0 ? 0 : names.Min(n => known.GetValueOrDefault(n));
}
