using Ledger.Web.Components.Pages.Diagnostics;
using Ledger.Web.Tests.Shared;
using MudBlazor;

namespace Ledger.Web.Tests.Components.Diagnostics;

public sealed class DiagnosticsPageTests : LedgerUiContext
{
    // The page reads nothing while prerendered (see Prerendered_ShowsTheLoadingBar...); these tests are of the circuit's page.
    public DiagnosticsPageTests() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task RebuildProjections_AfterConfirming_EndsWithTheSameReadModel()
    {
        await OpenAsync("A", "EUR", 10m);
        await OpenAsync("B", "JPY", 10m);
        await Assert.ThrowsAsync<Ledger.Domain.DomainException>(() => Mediator.Send(new TransferMoneyCommand(null, "A", "NOWHERE", 1m)).AsTask());
        var providers = RenderProviders();
        var cut = Render<DiagnosticsPage>();
        cut.WaitForAssertion(() => Assert.Equal("2", Labels.Value(cut, "Events")));

        // The click's handler waits for the dialog's answer, so it finishes only after the second click.
        var click = Button(cut, "Rebuild projections").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Rebuild projections?", providers.Markup));
        Assert.Contains("from all 2 stored events", System.Text.RegularExpressions.Regex.Replace(providers.Find(".mud-dialog").TextContent, @"\s+", " "));
        await providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Rebuild").ClickAsync(new());
        await click;

        cut.WaitForAssertion(() => Assert.Contains("The read model was already exactly what the events say", cut.Markup), TimeSpan.FromSeconds(10));
        Assert.Contains("account_not_found", cut.Markup);
        Assert.Equal("0", Labels.Value(cut, "Conflicts in the last minute"));
    }

    [Fact]
    public async Task Prerendered_ShowsTheLoadingBar_WithoutReadingTheEventsTable()
    {
        await OpenAsync("A", "EUR", 10m);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = Render<DiagnosticsPage>();

        // The interactive page reads it all a moment later; the prerender reading it too held the first paint back.
        Assert.NotNull(cut.Find("[aria-label='Loading diagnostics']"));
        Assert.Empty(cut.FindAll("h2"));
    }

    [Fact]
    public async Task RebuildProjections_Cancelled_DoesNotRebuild()
    {
        await OpenAsync("A", "EUR", 10m);
        var providers = RenderProviders();
        var cut = Render<DiagnosticsPage>();
        cut.WaitForAssertion(() => Assert.Equal("1", Labels.Value(cut, "Events")));

        var click = Button(cut, "Rebuild projections").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Rebuild projections?", providers.Markup));
        await providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        Assert.Equal("not yet", Labels.Value(cut, "Last rebuild"));
        Assert.DoesNotContain("Rebuilt", cut.Markup);
        Assert.False(Button(cut, "Rebuild projections").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Projections_HaveThreeColumns_TheLagInEventsAndSecondsSharingOne()
    {
        using var english = new InCulture("en-US");
        await OpenAsync("A", "EUR", 10m);
        RenderProviders();
        var cut = Render<DiagnosticsPage>();
        cut.WaitForAssertion(() => Assert.Equal("1", Labels.Value(cut, "Events")));

        // Four columns made the table scroll sideways in its card at 1600px (the browser suite measures that).
        var table = cut.Find("[aria-label=Projections] table");
        Assert.Equal(["Projection", "Checkpoint", "Lag"], table.QuerySelectorAll("th").Select(h => h.TextContent));
        Assert.All(table.QuerySelectorAll("tbody tr"), row => Assert.Matches(
            @"^\d+ events? · \d+\.\d s$", System.Text.RegularExpressions.Regex.Replace(row.Children[2].TextContent, @"\s+", " ").Trim()));
    }

    [Fact]
    public async Task MonthlyGrowth_CountsEventsPerCalendarMonth_WithTheRunningTotal()
    {
        using var english = new InCulture("en-US");
        await AtAsync(new DateTimeOffset(2024, 1, 31, 23, 0, 0, TimeSpan.Zero), () => OpenAsync("A", "EUR", 10m));
        await AtAsync(new DateTimeOffset(2024, 2, 1, 1, 0, 0, TimeSpan.Zero), () => DepositAsync("A", 1m));
        await AtAsync(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), () => DepositAsync("A", 1m));
        await AtAsync(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), () => DepositAsync("A", 1m));

        var months = await Mediator.Send(new GetMonthlyEventGrowthQuery());

        Assert.Equal(
            [new(new DateOnly(2024, 1, 1), 1, 1), new(new DateOnly(2024, 2, 1), 2, 3), new(new DateOnly(2024, 3, 1), 0, 3), new MonthlyEventGrowth(new DateOnly(2024, 4, 1), 1, 4)],
            months);
        RenderProviders();
        var cut = Render<DiagnosticsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[role=img][aria-label='Events over time: 4 events over 4 months']")));
        // Never "Jan 24", which reads as the 24th of January.
        // March had no event and still has its place on the axis, so April does not look like the month after February.
        Assert.NotNull(cut.Find("[role=img][aria-label='Events each month: at most 2 events in a month, over 4 months']"));
        var charts = cut.FindComponents<MudChart<double>>().Select(c => c.Instance).ToList();
        Assert.Equal([ChartType.Bar, ChartType.Line], charts.Select(c => c.ChartType));
        Assert.All(charts, chart => Assert.Equal(["Jan 2024", "Feb", "Mar", "Apr"], chart.ChartLabels));
        // Each on its own axis, in whole events (MudChart's own step is 20, for 4 events): the month's bars are not
        // drawn against the running total, at a sliver of its height.
        var (monthly, total) = (Assert.IsType<BarChartOptions>(charts[0].ChartOptions), Assert.IsType<LineChartOptions>(charts[1].ChartOptions));
        Assert.Equal((1, 2d), (monthly.YAxisTicks, monthly.YAxisSuggestedMax));
        Assert.Equal((1, 4d, "1,000"), (total.YAxisTicks, total.YAxisSuggestedMax, total.YAxisToStringFunc!(1000d)));
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> cut, string text)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
