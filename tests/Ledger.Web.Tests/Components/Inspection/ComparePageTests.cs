using Ledger.Web.Components.Pages.Compare;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>The Compare page: every account at either moment, marked when opened or closed in between, totals that add up.</summary>
public sealed class ComparePageTests : LedgerUiContext
{
    private static readonly DateTimeOffset Start = new(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Compare_ListsAccountsAtBothMoments_MarksOpenedInBetween_AndTotalsAddUp()
    {
        await AtAsync(Start, () => OpenAsync("OLD", "EUR", 100m));
        await AtAsync(Start.AddDays(40), () => DepositAsync("OLD", 25m, "INV-1"));
        await AtAsync(Start.AddDays(41), () => OpenAsync("NEW", "EUR", 10m));
        RenderProviders();
        var cut = Render<ComparePage>();

        await Labels.Input(cut, "From date").InputAsync(new() { Value = "2024-02-01" });
        await Labels.Input(cut, "To date").InputAsync(new() { Value = "2024-03-01" });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Compare").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll(".ledger-grid tbody tr.mud-table-row");
            Assert.Equal(2, rows.Count);
            var fresh = rows.Single(r => r.TextContent.Contains("NEW"));
            Assert.Contains("Opened in between", fresh.TextContent);
            Assert.Contains("+10.00", fresh.TextContent);
            var old = rows.Single(r => r.TextContent.Contains("OLD"));
            Assert.Contains("100.00", old.TextContent);
            Assert.Contains("125.00", old.TextContent);
            Assert.Contains("+25.00", old.TextContent);
            var eur = Assert.Single(cut.FindAll("[aria-label='Totals per currency at both moments'] tbody tr"));
            Assert.Contains("100.00", eur.TextContent);
            Assert.Contains("135.00", eur.TextContent);
            Assert.Contains("+35.00", eur.TextContent);
        });
    }

    [Fact]
    public async Task ClickingTheEventsInBetween_ListsThem()
    {
        await AtAsync(Start, () => OpenAsync("OLD", "EUR", 100m));
        await AtAsync(Start.AddDays(40), () => DepositAsync("OLD", 25m, "INV-1"));
        await AtAsync(Start.AddDays(42), () => DepositAsync("OLD", 5m, "INV-2"));
        var providers = RenderProviders();
        var cut = Render<ComparePage>();
        await Labels.Input(cut, "From date").InputAsync(new() { Value = "2024-02-01" });
        await Labels.Input(cut, "To date").InputAsync(new() { Value = "2024-03-01" });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Compare").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[aria-label='List the 2 events of OLD in between']")));

        await cut.Find("[aria-label='List the 2 events of OLD in between']").ClickAsync(new());

        providers.WaitForAssertion(() =>
        {
            var lines = providers.FindAll("[aria-label='Events in between'] tbody tr");
            Assert.Equal(2, lines.Count);
            Assert.Contains("INV-1", lines[0].TextContent);
            Assert.Contains("INV-2", lines[1].TextContent);
        });
    }

    [Fact]
    public async Task TheLast30Days_AreComparedOnArrival()
    {
        await OpenAsync("NOW", "EUR", 10m);
        RenderProviders();

        var cut = Render<ComparePage>();

        cut.WaitForAssertion(() => Assert.Contains("NOW", Assert.Single(cut.FindAll(".ledger-grid tbody tr.mud-table-row")).TextContent));
    }

    [Fact]
    public async Task FromAfterTo_IsRefusedInWords_AndComparesNothing()
    {
        await AtAsync(Start, () => OpenAsync("OLD", "EUR", 100m));
        RenderProviders();
        var cut = Render<ComparePage>();

        await Labels.Input(cut, "From date").InputAsync(new() { Value = "2024-03-01" });
        await Labels.Input(cut, "To date").InputAsync(new() { Value = "2024-02-01" });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Compare").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("The From moment is after the To moment.", cut.Find("[role=alert]").TextContent.Trim());
            Assert.Empty(cut.FindAll(".ledger-grid"));
        });
    }
}
