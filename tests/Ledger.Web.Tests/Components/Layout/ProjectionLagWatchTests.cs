using Ledger.Web.Components.Layout;

namespace Ledger.Web.Tests.Components.Layout;

public sealed class ProjectionLagWatchTests
{
    private readonly ManualTime time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void UpToDate_IsNeverBehind_HoweverOldTheEvents()
    {
        var watch = new ProjectionLagWatch(time);

        Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: 10, 10, 10)));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: 10, 10, 10)));
    }

    [Fact]
    public void AStuckProjection_IsBehindForAsLongAsItsOldestPendingEventHasBeenSeen()
    {
        var watch = new ProjectionLagWatch(time);

        Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: 10, 10, 5)));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), watch.Observe(Status(head: 12, 12, 5)));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(6), watch.Observe(Status(head: 12, 12, 5)));
        Assert.True(TimeSpan.FromSeconds(6) > ProjectionLagWatch.WarnAfter);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: 12, 12, 12)));
    }

    [Fact]
    public void AProjectionThatKeepsUp_UnderSteadyWrites_IsNotBehind_ButOneThatFallsBack_Is()
    {
        var watch = new ProjectionLagWatch(time);

        // Every look catches a commit or two not yet projected, yet each was projected before the next look.
        for (var look = 1; look <= 10; look++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: look * 100, look * 100, (look * 100) - 2)));
        }

        // Now it moves, but not past what was already there two looks ago.
        time.Advance(TimeSpan.FromSeconds(1));
        watch.Observe(Status(head: 1_100, 1_100, 1_000));
        time.Advance(TimeSpan.FromSeconds(4));
        watch.Observe(Status(head: 1_200, 1_200, 1_050));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(6), watch.Observe(Status(head: 1_300, 1_300, 1_099)));
    }

    [Fact]
    public void WithoutProjections_NothingCanLag()
    {
        var watch = new ProjectionLagWatch(time);

        watch.Observe(Status(head: 10));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.Zero, watch.Observe(Status(head: 20)));
    }

    private static LedgerStatusView Status(long head, params long[] checkpoints) => new(
        head, head,
        checkpoints.Select((c, i) => new ProjectionStatusView($"p{i}", c, head - c, 0)).ToArray(),
        new DatabaseView("sqlite", "ledger.db", 0));
}
