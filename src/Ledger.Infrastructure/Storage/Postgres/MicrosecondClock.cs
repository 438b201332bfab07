namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// The system clock cut to whole microseconds, PostgreSQL's resolution: an event's time in its payload
/// and in the <c>timestamptz</c> column are then the same instant, not a tenth of a microsecond apart.
/// </summary>
public sealed class MicrosecondClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
