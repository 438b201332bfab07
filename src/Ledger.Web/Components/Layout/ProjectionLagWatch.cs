namespace Ledger.Web.Components.Layout;

/// <summary>
/// How long the read model has been behind, as seen from one screen: the oldest event a projection has not
/// applied yet already existed when this screen first saw a head at or past it. An event's own time would
/// not do: the sample ledger and importers back-date events by months, which would read as months of lag
/// for the millisecond between a commit and its projection. This never overstates; it can understate by
/// the time between two looks (a few seconds).
/// </summary>
public sealed class ProjectionLagWatch(TimeProvider time)
{
    /// <summary>The seed article's alert: projections more than 5 seconds behind under normal load.</summary>
    public static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(5);

    private readonly Queue<(long Head, long SeenAt)> sightings = new();
    private long lastHead;

    /// <summary>Records this look at the ledger and returns how long the read model has been behind (zero when up to date).</summary>
    public TimeSpan Observe(LedgerStatusView status)
    {
        var now = time.GetTimestamp();
        if (status.HeadPosition > lastHead)
        {
            sightings.Enqueue((status.HeadPosition, now));
            lastHead = status.HeadPosition;
        }

        var applied = status.Projections.Count == 0 ? status.HeadPosition : status.Projections.Min(p => p.Checkpoint);
        while (sightings.Count > 0 && sightings.Peek().Head <= applied)
        {
            sightings.Dequeue();
        }

        return sightings.TryPeek(out var oldest) ? time.GetElapsedTime(oldest.SeenAt, now) : TimeSpan.Zero;
    }
}
