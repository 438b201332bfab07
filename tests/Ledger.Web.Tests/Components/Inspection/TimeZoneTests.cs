using Ledger.Web.Components.Shared.Time;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>Times are read in the viewer's zone; a wall time that repeats or was skipped at a daylight-saving change is asked about, not guessed.</summary>
public sealed class TimeZoneTests : LedgerUiContext
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    [Fact]
    public void APlainWallTime_MeansOneInstant_AtTheZonesOffset()
    {
        var at = Assert.Single(LocalMoment.Candidates(new DateTime(2026, 1, 15, 9, 30, 0), Zurich));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 8, 30, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Theory]
    [InlineData(10, 25)] // clocks go back: 02:30 happens twice, an hour apart
    [InlineData(3, 29)] // clocks go forward: 02:30 never happens, and is read under either offset
    public void TheHourClocksRepeatOrSkip_MeansTwoInstants_UnderEitherOffset(int month, int day)
    {
        var both = LocalMoment.Candidates(new DateTime(2026, month, day, 2, 30, 0), Zurich);

        Assert.Equal(
            [new DateTimeOffset(2026, month, day, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, month, day, 1, 30, 0, TimeSpan.Zero)],
            both.Select(b => b.ToUniversalTime()));
    }

    [Fact]
    public async Task ThePicker_AsksWhichInstant_WhenTheTimeRepeats_AndReportsTheChoice()
    {
        DateTimeOffset? picked = null;
        var cut = Render<MomentPicker>(p => p
            .Add(c => c.Label, "As of")
            .Add(c => c.Zone, Zurich)
            .Add(c => c.ValueChanged, (DateTimeOffset? v) => picked = v));

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "2026-10-25" });
        await Labels.Input(cut, "As of time").InputAsync(new() { Value = "02:30" });

        cut.WaitForAssertion(() => Assert.Contains("happened twice that day", cut.Markup));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), picked?.ToUniversalTime());
        await cut.FindAll("input[type=radio]")[1].ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), picked?.ToUniversalTime()));
    }

    [Fact]
    public void TheZone_IsDescribedWithItsOffset()
    {
        Assert.Equal("Europe/Zurich (UTC+01:00)", LocalMoment.Describe(Zurich, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Europe/Zurich (UTC+02:00)", LocalMoment.Describe(Zurich, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
