using System.Globalization;
using Ledger.Web.Components.Shared.Charts;

namespace Ledger.Web.Tests.Shared.Charts;

/// <summary>A time axis never repeats a label: times within a day, days within weeks, months beyond.</summary>
public sealed class TimeAxisTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    private static readonly DateTimeOffset Start = new(2025, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithinOneDay_TheLabelsAreTimesOfDay()
    {
        using var english = new InCulture("en-US");
        var times = new[] { 0, 90, 240, 375, 525 }.Select(m => Start.AddMinutes(m)).ToList();

        var labels = TimeAxis.Labels(times, TimeZoneInfo.Utc);

        // ICU writes a narrow no-break space before AM and PM.
        Assert.Equal([(0, "8:00 AM"), (1, "9:30 AM"), (2, "12:00 PM"), (3, "2:15 PM"), (4, "4:45 PM")], labels.Select(l => (l.Index, l.Text.Replace('\u202F', ' '))));
    }

    [Fact]
    public void TimesOfDay_AreOnTheViewersClock_InTheirNotation()
    {
        using var german = new InCulture("de-DE");
        var times = new[] { new DateTimeOffset(2025, 12, 1, 23, 30, 0, TimeSpan.Zero), Start };

        Assert.Equal(["00:30", "09:00"], TimeAxis.Labels(times, Zurich).Select(l => l.Text));
    }

    [Fact]
    public void ManyEventsInADay_GetAtMostSixLabels_SpreadAlongTheAxis()
    {
        using var english = new InCulture("en-US");
        var times = Enumerable.Range(0, 100).Select(i => Start.AddMinutes(5 * i)).ToList();

        var labels = TimeAxis.Labels(times, TimeZoneInfo.Utc);

        Assert.InRange(labels.Count, 4, 6);
        Assert.Equal(0, labels[0].Index);
        Assert.Equal(labels.Count, labels.Select(l => l.Text).Distinct().Count());
        Assert.All(labels.Zip(labels.Skip(1)), pair => Assert.True(pair.Second.Index - pair.First.Index >= 99 / 6.0));
    }

    [Fact]
    public void WithinWeeks_TheLabelsAreDays_EachUnderTheFirstEventOfItsDay()
    {
        using var english = new InCulture("en-US");
        // Three events a day for three weeks.
        var times = Enumerable.Range(0, 21).SelectMany(d => new[] { 0, 2, 5 }.Select(h => Start.AddDays(d).AddHours(h))).ToList();

        var labels = TimeAxis.Labels(times, TimeZoneInfo.Utc);

        Assert.Equal(labels.Count, labels.Select(l => l.Text).Distinct().Count());
        Assert.Equal("Dec 2", labels[0].Text);
        Assert.All(labels, l => Assert.Equal(0, l.Index % 3));
        Assert.All(labels, l => Assert.Equal(times[l.Index].ToString("MMM d", CultureInfo.InvariantCulture), l.Text));
    }

    [Fact]
    public void OverMonths_TheLabelsAreMonths_WithTheYearWhereItChanges()
    {
        using var english = new InCulture("en-US");
        // Twice a month for a year, from December 2025 to December 2026.
        var times = Enumerable.Range(0, 13).SelectMany(m => new[] { 1, 15 }.Select(d => new DateTimeOffset(2025, 12, d, 9, 0, 0, TimeSpan.Zero).AddMonths(m))).ToList();

        var labels = TimeAxis.Labels(times, TimeZoneInfo.Utc);

        Assert.Equal(["Dec 2025", "Mar 2026", "Jun", "Sep", "Dec"], labels.Select(l => l.Text));
        Assert.Equal([0, 6, 12, 18, 24], labels.Select(l => l.Index));
    }

    [Fact]
    public void ABackDatedEvent_DoesNotBringItsDayBackAsASecondLabel()
    {
        using var english = new InCulture("en-US");
        var times = new[] { Start, Start.AddDays(1), Start.AddHours(3), Start.AddDays(2) };

        Assert.Equal(["Dec 2", "Dec 3", "Dec 4"], TimeAxis.Labels(times, TimeZoneInfo.Utc).Select(l => l.Text));
    }

    [Fact]
    public void Months_NameTheYearOnTheFirstAndWhereItChanges_InTheReadersLanguage()
    {
        DateOnly[] months = [new(2025, 11, 1), new(2025, 12, 1), new(2026, 1, 1), new(2026, 2, 1)];

        using (new InCulture("en-US"))
        {
            Assert.Equal(["Nov 2025", "Dec", "Jan 2026", "Feb"], TimeAxis.Months(months));
        }

        using (new InCulture("de-DE"))
        {
            Assert.Equal(["Nov 2025", "Dez", "Jan 2026", "Feb"], TimeAxis.Months(months));
        }
    }

    [Fact]
    public void SparseMonths_OverFiveYears_NameAtMostTwelveMonths_WithTheYearWhereItChanges()
    {
        using var english = new InCulture("en-US");
        var months = Enumerable.Range(0, 58).Select(m => new DateOnly(2021, 12, 1).AddMonths(m)).ToList();

        var labels = TimeAxis.SparseMonths(months);

        Assert.Equal(58, labels.Length);
        var named = labels.Where(l => l.Length > 0).ToList();
        Assert.InRange(named.Count, 2, 12);
        Assert.Equal("Dec 2021", labels[0]);
        Assert.Equal(["Dec 2021", "May 2022", "Oct", "Mar 2023", "Aug", "Jan 2024", "Jun", "Nov", "Apr 2025", "Sep", "Feb 2026", "Jul"], named);
    }

    [Fact]
    public void SparseMonths_AFewMonths_NameEveryOne()
    {
        using var english = new InCulture("en-US");
        DateOnly[] months = [new(2025, 11, 1), new(2025, 12, 1), new(2026, 1, 1)];

        Assert.Equal(["Nov 2025", "Dec", "Jan 2026"], TimeAxis.SparseMonths(months));
    }
}
