using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components;

public sealed class HistoryGridTests : LedgerUiContext
{
    [Fact]
    public async Task History_IsPagedNewestFirst_25AtATime()
    {
        var cut = await RenderThirtyEventsAsync();

        cut.WaitForAssertion(() =>
        {
            var rows = Rows(cut);
            Assert.Equal(25, rows.Count);
            Assert.Equal("30", rows[0]);
            Assert.Equal("6", rows[^1]);
        });

        await cut.Find("button[aria-label='Next page']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["5", "4", "3", "2", "1"], Rows(cut)));
    }

    [Fact]
    public async Task SelectingAnOldVersion_TurnsToThePageThatHoldsIt_AndLiveTurnsBack()
    {
        var cut = await RenderThirtyEventsAsync();
        cut.WaitForAssertion(() => Assert.Equal(25, Rows(cut).Count));

        cut.Render(p => p.Add(c => c.SelectedVersion, 3));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["5", "4", "3", "2", "1"], Rows(cut));
            Assert.Contains("R-2", Assert.Single(cut.FindAll("tr.ledger-row-selected")).TextContent);
        });

        cut.Render(p => p.Add(c => c.SelectedVersion, (long?)null));

        cut.WaitForAssertion(() => Assert.Equal("30", Rows(cut)[0]));
    }

    [Fact]
    public async Task ExpandingARow_ShowsTheStoredJsonAndMetadata_AsText()
    {
        await OpenAsync("H", "EUR", 1m);
        await DepositAsync("H", 2m, "<script>alert(1)</script>");
        var cut = RenderHistory(headVersion: 2);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        await cut.FindAll("tbody tr.mud-table-row")[0].QuerySelector("button")!.ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var json = cut.Find("pre[aria-label='Stored JSON payload']").TextContent;
            Assert.Contains("\"transactionReference\": \"<script>alert(1)</script>\"", json, StringComparison.Ordinal);
            var metadata = cut.Find("dl[aria-label='Event metadata']").TextContent;
            Assert.Contains("Correlation id", metadata);
            Assert.Contains("Causation id", metadata);
            Assert.Contains("Schema version", metadata);
        });
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", cut.Find(".ledger-grid tbody").TextContent);
    }

    /// <summary>Account "H": opened, then deposits R-1 to R-29 (versions 2 to 30); its history rendered at the head.</summary>
    private async Task<IRenderedComponent<HistoryGrid>> RenderThirtyEventsAsync()
    {
        await OpenAsync("H", "EUR", 1m);
        for (var i = 1; i <= 29; i++)
        {
            await DepositAsync("H", i, $"R-{i}");
        }

        return RenderHistory(headVersion: 30);
    }

    private IRenderedComponent<HistoryGrid> RenderHistory(long headVersion)
    {
        RenderProviders();
        return Render<HistoryGrid>(p => p.Add(c => c.AccountId, "H").Add(c => c.HeadVersion, headVersion));
    }

    private static List<string> Rows(IRenderedComponent<HistoryGrid> cut) =>
        cut.FindAll("tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td")[1].TextContent.Replace("(selected moment)", "", StringComparison.Ordinal).Trim()).ToList();
}
