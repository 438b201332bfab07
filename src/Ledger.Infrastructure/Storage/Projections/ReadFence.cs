using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Read-your-writes on the instance that answered a command: the highest position it has answered, and a
/// wait until this process has published its commits (its snapshots, and its projections where it leads)
/// and every projection has reached that position. Queries wait here before they read; on an instance
/// with nothing in flight there is nothing to wait for. A wait is bounded by
/// <see cref="LedgerOptions.ReadYourWritesTimeoutMilliseconds"/>; one that runs out means the projections
/// are stuck (their catch-up says why in the log and the status), and reads stop waiting for them until
/// they have caught up with that position, rather than each read paying the whole timeout.
/// </summary>
public sealed class ReadFence(
    CommandWriter writer,
    ProjectionProgress progress,
    ProjectionRunner runner,
    IOptions<LedgerOptions> options,
    ILogger<ReadFence> logger)
{
    /// <summary>How often a wait re-reads the checkpoints, in case the wake-up it waits for was lost.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(200);

    private long answered;
    private long givenUpAt;

    /// <summary>The highest position this instance has answered a command with.</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>True when nothing answered is still on its way to the read model: a read can go now.</summary>
    public bool IsClear => writer.Published.IsCompleted && (progress.Reached >= Answered || GivingUp);

    /// <summary>True when every projection has applied <paramref name="position"/>, whichever instance applied it.</summary>
    public bool HasReached(long position) => progress.Reached >= position;

    private TimeSpan Timeout => TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ReadYourWritesTimeoutMilliseconds));

    /// <summary>A wait ran out and the projections have not passed its position since: waiting would only cost time.</summary>
    private bool GivingUp => Timeout == TimeSpan.Zero || progress.Reached < Interlocked.Read(ref givenUpAt);

    /// <summary>A command was answered with <paramref name="position"/>: reads from now on reflect it.</summary>
    public void Answer(long position) => Raise(ref answered, position);

    /// <summary>Waits until the read model reflects every command this instance has answered.</summary>
    public Task<bool> WaitForAnsweredAsync(CancellationToken cancellationToken) => WaitAsync(Answered, cancellationToken);

    /// <summary>
    /// Waits until this process has published what it committed and every projection has reached
    /// <paramref name="position"/>. False when the wait ran out (or was not worth starting, see the class
    /// summary); the caller goes on either way.
    /// </summary>
    public async Task<bool> WaitAsync(long position, CancellationToken cancellationToken)
    {
        if (GivingUp)
        {
            return writer.Published.IsCompleted && progress.Reached >= position;
        }

        if (await ReachesAsync(position, cancellationToken))
        {
            return true;
        }

        Raise(ref givenUpAt, position);
        logger.LogWarning(
            "The read model did not reach position {Position} within {Timeout}; reads answer from it as it is until it does",
            position,
            Timeout);
        return false;
    }

    /// <summary>
    /// Waits, at most the timeout, until every projection has applied a position a caller named; false when they
    /// did not. Unlike <see cref="WaitAsync"/> it never makes reads stop waiting: a caller may name any position
    /// written so far, and one caller's wait in a long catch-up must not cost every other read its fence.
    /// </summary>
    public Task<bool> WaitForNamedAsync(long position, CancellationToken cancellationToken) => ReachesAsync(position, cancellationToken);

    /// <summary>
    /// Sends this process's lingering deliveries at once, then waits, at most the timeout in all, until every
    /// projection has reached <paramref name="position"/>; false when the time ran out (a delivery of this process's
    /// that is stuck counts as projections that do not move).
    /// </summary>
    private async Task<bool> ReachesAsync(long position, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        try
        {
            await writer.FlushDeliveries().WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HasReached(position);
        }

        var left = deadline - DateTimeOffset.UtcNow;
        return HasReached(position)
            || (left > TimeSpan.Zero && await progress.WaitAsync(position, left, Recheck, RecheckAsync, cancellationToken));
    }

    private static void Raise(ref long value, long to)
    {
        long seen;
        while ((seen = Interlocked.Read(ref value)) < to && Interlocked.CompareExchange(ref value, to, seen) != seen)
        {
        }
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, position) in await runner.CheckpointsAsync(cancellationToken))
        {
            progress.Advance(name, position);
        }
    }
}
