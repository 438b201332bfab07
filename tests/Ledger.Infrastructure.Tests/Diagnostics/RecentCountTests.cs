namespace Ledger.Infrastructure.Tests.Diagnostics;

public sealed class RecentCountTests
{
    [Fact]
    public void Count_IsWhatHappenedInTheLastMinute_AndForgetsWhatIsOlder()
    {
        var time = new SteppedTime();
        var recent = new RecentCount(TimeSpan.FromMinutes(1), time);

        recent.Add();
        time.Advance(TimeSpan.FromSeconds(30));
        recent.Add(2);
        Assert.Equal(3, recent.Count());

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, recent.Count());

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(2, recent.Count());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, recent.Count());
    }

    [Fact]
    public void Count_AfterAnIdleHour_DoesNotReviveOldBuckets()
    {
        var time = new SteppedTime();
        var recent = new RecentCount(TimeSpan.FromMinutes(1), time);
        recent.Add(5);

        time.Advance(TimeSpan.FromHours(1));
        recent.Add();

        Assert.Equal(1, recent.Count());
    }

    private sealed class SteppedTime : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
