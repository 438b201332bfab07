namespace Ledger.Web.Components.Shared.Time;

/// <summary>
/// What a wall-clock date and time mean in a time zone. Usually one instant; at a daylight-saving change a
/// time can mean two (the hour that repeats when clocks go back) or none (the hour skipped when they go
/// forward), and then the person is asked which instant they mean rather than the app guessing.
/// </summary>
public static class LocalMoment
{
    /// <summary>
    /// The instants <paramref name="wallClock"/> can mean in <paramref name="zone"/>, earliest first: one when it
    /// is plain; two when it is ambiguous (the same wall time under each offset) or skipped (the wall time read
    /// under the offset before the change and under the one after).
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Candidates(DateTime wallClock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return zone.GetAmbiguousTimeOffsets(local)
                .Select(offset => new DateTimeOffset(local, offset))
                .OrderBy(at => at.UtcDateTime)
                .ToArray();
        }

        if (zone.IsInvalidTime(local))
        {
            // The offsets on either side of the gap: an hour before and an hour after are ordinary times.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            return new[] { new DateTimeOffset(local, before), new DateTimeOffset(local, after) }
                .DistinctBy(at => at.UtcDateTime)
                .OrderBy(at => at.UtcDateTime)
                .ToArray();
        }

        return [new DateTimeOffset(local, zone.GetUtcOffset(local))];
    }

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/> (a "From" date).</summary>
    public static DateTimeOffset StartOfDay(DateTime day, TimeZoneInfo zone) => Candidates(day.Date, zone)[0];

    /// <summary>
    /// The last instant of <paramref name="day"/> in <paramref name="zone"/> (a "To" date, inclusive): a microsecond
    /// before the next day starts, the finest step both engines store.
    /// </summary>
    public static DateTimeOffset EndOfDay(DateTime day, TimeZoneInfo zone) => StartOfDay(day.Date.AddDays(1), zone).AddTicks(-10);

    /// <summary>"Europe/Zurich (UTC+01:00)": the zone and its offset at <paramref name="at"/>.</summary>
    public static string Describe(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"{zone.Id} ({Offset(zone.GetUtcOffset(at))})";
    }

    public static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
