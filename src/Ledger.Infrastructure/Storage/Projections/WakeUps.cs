namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// What other instances tell this one (on PostgreSQL, by <c>LISTEN/NOTIFY</c>): events were committed, or
/// the leader moved the projections. A wake-up is never the data: whoever wakes re-reads from its checkpoint,
/// and sleeps only a slow poll's length if a wake-up is lost.
/// </summary>
public sealed class WakeUps
{
    /// <summary>Events were committed somewhere: the leader catches up.</summary>
    public WakeSignal EventsCommitted { get; } = new();

    /// <summary>The leader moved a checkpoint: the other instances tell their screens.</summary>
    public WakeSignal ProjectionsMoved { get; } = new();
}

/// <summary>An auto-reset signal: any number of sets before a wait count as one wake-up.</summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private long latest;

    /// <summary>
    /// The highest position the wake-ups since the last call named (one that named none counts as the
    /// highest there is), and starts counting again.
    /// </summary>
    public long TakeLatest() => Interlocked.Exchange(ref latest, 0);

    public void Set(long position = long.MaxValue)
    {
        long seen;
        while ((seen = Interlocked.Read(ref latest)) < position && Interlocked.CompareExchange(ref latest, position, seen) != seen)
        {
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the next wait returns at once either way.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
