namespace Ledger.Web.Components.Shared.Charts;

/// <summary>One label under a chart: the index of the point it stands under, and its text.</summary>
public sealed record AxisLabel(int Index, string Text);

/// <summary>
/// Labels for a time axis, in the viewer's zone and culture, that never repeat: times of day when every point
/// falls within a day, days within a few weeks, months beyond (the year on the first month and wherever it
/// changes: "Dec 2025", "Feb 2026", "Apr"). Each label stands under the first point of its minute, day or month.
/// </summary>
public static class TimeAxis
{
    /// <summary>Up to this long, days label the axis; months beyond, where days would be weeks apart.</summary>
    public static readonly TimeSpan DaysUpTo = TimeSpan.FromDays(62);

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool Invariant => Culture.Name.Length == 0;

    /// <summary>
    /// Labels for points drawn evenly apart in the order given (the balance chart puts one point per event,
    /// not per hour), at most <paramref name="maxLabels"/> and roughly as evenly spread.
    /// </summary>
    public static IReadOnlyList<AxisLabel> Labels(IReadOnlyList<DateTimeOffset> times, TimeZoneInfo zone, int maxLabels = 6)
    {
        if (times.Count == 0)
        {
            return [];
        }

        var local = times.Select(t => TimeZoneInfo.ConvertTime(t, zone).DateTime).ToList();
        var span = local.Max() - local.Min();
        Func<DateTime, DateTime> key = span < TimeSpan.FromDays(1) ? t => t.Date.AddHours(t.Hour).AddMinutes(t.Minute)
            : span <= DaysUpTo ? t => t.Date
            : t => new DateTime(t.Year, t.Month, 1);

        var minGap = (times.Count - 1) / (double)maxLabels;
        var kept = new List<(int Index, DateTime Key)>();
        for (var i = 0; i < local.Count; i++)
        {
            var at = key(local[i]);
            var starts = i == 0 || key(local[i - 1]) != at;
            // A back-dated event can bring an earlier day back; its day is labelled once, where it first showed.
            if (starts && (kept.Count == 0 || i - kept[^1].Index >= minGap) && kept.All(k => k.Key != at))
            {
                kept.Add((i, at));
            }
        }

        if (span < TimeSpan.FromDays(1))
        {
            var pattern = Invariant ? "HH:mm" : Culture.DateTimeFormat.ShortTimePattern;
            return [.. kept.Select(k => new AxisLabel(k.Index, local[k.Index].ToString(pattern, Culture)))];
        }

        if (span <= DaysUpTo)
        {
            return [.. kept.Select(k => new AxisLabel(k.Index, Display.DayAndMonth(times[k.Index], zone)))];
        }

        var months = Months(kept.Select(k => DateOnly.FromDateTime(k.Key)).ToList());
        return [.. kept.Select((k, n) => new AxisLabel(k.Index, months[n]))];
    }

    /// <summary>Month names with the year on the first and wherever it changes: "Dec 2025", "Jan 2026", "Feb".</summary>
    public static IReadOnlyList<string> Months(IReadOnlyList<DateOnly> months) =>
        [.. months.Select((m, n) => m.ToString(n == 0 || months[n - 1].Year != m.Year ? MonthAndYear : "MMM", Culture))];

    /// <summary>
    /// One label per month for a chart that draws every month, at most <paramref name="maxLabels"/> of them not
    /// blank, evenly spread from the first (five years' 60 names side by side ran into each other). The year is on
    /// the first label and wherever it changes between labels shown.
    /// </summary>
    public static string[] SparseMonths(IReadOnlyList<DateOnly> months, int maxLabels = 12)
    {
        var every = Math.Max(1, (int)Math.Ceiling(months.Count / (double)Math.Max(1, maxLabels)));
        var shown = Enumerable.Range(0, months.Count).Where(i => i % every == 0).ToList();
        var names = Months([.. shown.Select(i => months[i])]);
        var labels = new string[months.Count];
        Array.Fill(labels, "");
        for (var n = 0; n < shown.Count; n++)
        {
            labels[shown[n]] = names[n];
        }

        return labels;
    }

    // The culture's own order (Dec 2025, Dez. 2025, 2025年12月), with the month's short name.
    private static string MonthAndYear =>
        Invariant ? "MMM yyyy" : Culture.DateTimeFormat.YearMonthPattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
}
