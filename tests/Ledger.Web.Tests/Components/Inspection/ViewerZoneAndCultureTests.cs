using System.Globalization;
using Ledger.Web.Components.Pages.Accounts.TimeTravel;
using Ledger.Web.Components.Pages.EventLog;
using Ledger.Web.Components.Shared.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>
/// Every screen shows times in the viewer's zone (never the server's), and every date input shows and reads the
/// viewer's culture's date form. Auckland is chosen because it is far from any test machine's own zone.
/// </summary>
public sealed class ViewerZoneAndCultureTests : LedgerUiContext
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    [Fact]
    public async Task TheEventLog_ShowsTimes_AndReadsItsDateFilters_InTheViewersZone()
    {
        Services.GetRequiredService<ViewerTimeZone>().Use(Auckland);
        // 2026-01-14 12:30 UTC is 2026-01-15 01:30 in Auckland (UTC+13 in summer): another day there.
        await AtAsync(new DateTimeOffset(2026, 1, 14, 12, 30, 0, TimeSpan.Zero), () => OpenAsync("Z", "EUR", 1m));
        await AtAsync(new DateTimeOffset(2026, 1, 13, 12, 30, 0, TimeSpan.Zero), () => OpenAsync("Y", "EUR", 1m));
        RenderProviders();
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("2026-01-15 01:30:00", cut.Markup));
        // Amounts in the log carry the currency's own decimals, as on every other screen.
        Assert.Contains("initial 1.00 EUR", cut.Markup);

        await Labels.Input(cut, "From").ChangeAsync(new() { Value = "2026-01-15" });

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll(".ledger-grid tbody tr.mud-table-row");
            Assert.Contains("2026-01-15 01:30:00", Assert.Single(rows).TextContent);
        });
    }

    [Fact]
    public Task ADateInput_InGerman_ShowsAndReadsDayDotMonthDotYear() => InGermanAsync(async () =>
    {
        var (cut, picked) = RenderAsOfPicker();

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "30.11.2026" });
        await Labels.Input(cut, "As of time").InputAsync(new() { Value = "14:30" });

        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 30, 0, TimeSpan.Zero), picked()?.ToUniversalTime()));
        var shown = Render<MomentPicker>(p => p
            .Add(c => c.Label, "Shown")
            .Add(c => c.Zone, Zurich)
            .Add(c => c.Value, new DateTimeOffset(2026, 11, 30, 13, 30, 0, TimeSpan.Zero)));
        Assert.Equal("30.11.2026", Labels.Input(shown, "Shown date").GetAttribute("value"));
    });

    [Fact]
    public Task ADateItCannotRead_MarksTheFieldInvalid_AndPicksNothing() => InGermanAsync(async () =>
    {
        var (cut, picked) = RenderAsOfPicker();

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "31.02.2026" });

        // The words themselves are the converter's (ADateInput_ShowsTheCulturesShortDate_AndSaysHowToWriteADateItCannotRead).
        cut.WaitForAssertion(() => Assert.Equal("true", Labels.Input(cut, "As of date").GetAttribute("aria-invalid")));
        Assert.Null(picked());
    });

    /// <summary>Runs <paramref name="test"/> with German as the request's culture, as a German browser's circuit has it.</summary>
    private static async Task InGermanAsync(Func<Task> test)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await test();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    /// <summary>An "As of" picker in Zurich's zone, and what it last reported.</summary>
    private (IRenderedComponent<MomentPicker> Cut, Func<DateTimeOffset?> Picked) RenderAsOfPicker()
    {
        DateTimeOffset? picked = null;
        var cut = Render<MomentPicker>(p => p
            .Add(c => c.Label, "As of")
            .Add(c => c.Zone, Zurich)
            .Add(c => c.ValueChanged, (DateTimeOffset? v) => picked = v));
        return (cut, () => picked);
    }

    [Theory]
    [InlineData("de-DE", "30.11.2026")]
    [InlineData("de-DE", "30.11.26")]
    [InlineData("de-DE", "2026-11-30")]
    [InlineData("en-US", "11/30/2026")]
    [InlineData("en-GB", "30/11/2026")]
    [InlineData("", "2026-11-30")]
    public void ADateInput_ReadsTheCulturesForm_WithOrWithoutLeadingZerosAndCentury_AndIsoAnywhere(string culture, string typed)
    {
        Assert.Equal(new DateTime(2026, 11, 30), new DateInput(CultureInfo.GetCultureInfo(culture)).ConvertBack(typed));
        Assert.Equal(new DateTime(2026, 2, 1), new DateInput(CultureInfo.GetCultureInfo("de-DE")).ConvertBack("1.2.2026"));
    }

    [Fact]
    public void ADateInput_ShowsTheCulturesShortDate_AndSaysHowToWriteADateItCannotRead()
    {
        var german = new DateInput(CultureInfo.GetCultureInfo("de-DE"));

        Assert.Equal("30.11.2026", german.Convert(new DateTime(2026, 11, 30)));
        Assert.Equal("11/30/2026", new DateInput(CultureInfo.GetCultureInfo("en-US")).Convert(new DateTime(2026, 11, 30)));
        Assert.Contains("write it as 30.11.2026", Assert.Throws<FormatException>(() => german.ConvertBack("31.02.2026")).Message);
        Assert.Null(german.ConvertBack(" "));
    }

    [Fact]
    public async Task TimeTravelsAsOfPicker_ReadsTheDateInTheViewersZone()
    {
        Services.GetRequiredService<ViewerTimeZone>().Use(Auckland);
        DateTimeOffset? picked = null;
        var cut = Render<AsOfPicker>(p => p.Add(c => c.Picked, (DateTimeOffset v) => picked = v));

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "2026-01-15" });

        // A date alone is its last second there.
        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 59, 59, TimeSpan.Zero), picked?.ToUniversalTime()));
        await Labels.Input(cut, "As of time").InputAsync(new() { Value = "01:30" });

        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 1, 14, 12, 30, 0, TimeSpan.Zero), picked?.ToUniversalTime()));
    }

    [Fact]
    public void AZoneTheRequestNames_IsUsed_AndAnUnknownOneLeavesUtc()
    {
        var viewer = Services.GetRequiredService<ViewerTimeZone>();
        viewer.UseId("No/Such_Zone");
        Assert.False(viewer.Known);
        Assert.Equal(TimeZoneInfo.Utc, viewer.Zone);

        viewer.UseId("Pacific/Auckland");

        Assert.True(viewer.Known);
        Assert.Equal("2026-01-15 01:30", viewer.ShortTime(new DateTimeOffset(2026, 1, 14, 12, 30, 0, TimeSpan.Zero)));
    }
}
