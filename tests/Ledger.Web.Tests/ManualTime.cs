namespace Ledger.Web.Tests;

/// <summary>A clock that moves only when told, wall time and timestamps together.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long ticks;

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref ticks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
