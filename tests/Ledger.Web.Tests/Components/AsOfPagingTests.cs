using Ledger.Web.Components.Pages.AsOf;

namespace Ledger.Web.Tests.Components;

/// <summary>The As of page reads its accounts a page at a time from SQL; its totals still cover every account.</summary>
public sealed class AsOfPagingTests : LedgerUiContext
{
    [Fact]
    public async Task Accounts_ArePagedOnTheServer_50AtATime_WhileTheTotalsCoverAll()
    {
        for (var i = 0; i < 55; i++)
        {
            await OpenAsync($"P-{i:D2}", "EUR", 1m);
        }

        RenderProviders();
        var cut = Render<AsOfPage>();

        cut.WaitForAssertion(() =>
        {
            var rows = AccountIds(cut);
            Assert.Equal(50, rows.Count);
            Assert.Equal("P-00", rows[0]);
            Assert.Equal("P-49", rows[^1]);
            Assert.Equal("55", Labels.Value(cut, "Accounts then"));
            var eur = Assert.Single(cut.FindAll(".ledger-panel tbody tr"));
            Assert.Contains("55.00", eur.TextContent);
        });

        await cut.Find("button[aria-label='Next page']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["P-50", "P-51", "P-52", "P-53", "P-54"], AccountIds(cut)));
        Assert.Equal("55", Labels.Value(cut, "Accounts then"));
    }

    [Fact]
    public async Task TheFilter_AsksTheServer_AndLeavesTheTotalsWhole()
    {
        for (var i = 0; i < 55; i++)
        {
            await OpenAsync($"P-{i:D2}", "EUR", 1m);
        }

        await OpenAsync("ZED", "EUR", 10m, holder: "Zed Zedson");
        RenderProviders();
        var cut = Render<AsOfPage>();
        cut.WaitForAssertion(() => Assert.Equal(50, AccountIds(cut).Count));

        await Labels.Input(cut, "Filter accounts").InputAsync(new() { Value = "zedson" });

        // ZED sorts after the 50 rows of the first page, so only a search in SQL can find it there. The totals
        // arrive by a read of their own, which may land after the grid's: wait for both.
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["ZED"], AccountIds(cut));
            Assert.Equal("56", Labels.Value(cut, "Accounts then"));
            Assert.Contains("65.00", cut.Find(".ledger-panel tbody tr").TextContent);
        });
    }

    private static List<string> AccountIds(IRenderedComponent<AsOfPage> cut) =>
        cut.FindAll(".ledger-grid tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td")[0].TextContent.Trim()).ToList();
}
