using Ledger.Web.Components.Pages.AsOf;
using Ledger.Web.Components.Pages.EventLog;

namespace Ledger.Web.Tests.Components;

public sealed class OtherPagesTests : LedgerUiContext
{
    [Fact]
    public async Task EventLog_IsNewestFirst_AndFiltersByType()
    {
        await OpenAsync("A", "EUR", 10m);
        await DepositAsync("A", 5m, "R-1");
        await Mediator.Send(new WithdrawMoneyCommand("A", 3m, "R-2"));
        RenderProviders();
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Equal(["3", "2", "1"], Positions(cut)));

        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("MoneyDeposited"));

        cut.WaitForAssertion(() => Assert.Equal(["2"], Positions(cut)));
    }

    [Fact]
    public async Task EventLog_TypeFilter_NamesTheTypesInPeoplesWords_AndFiltersOnTheStoredType()
    {
        await OpenAsync("A", "EUR", 10m);
        await DepositAsync("A", 5m, "R-1");
        var providers = RenderProviders();
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Equal(["2", "1"], Positions(cut)));

        var select = cut.FindComponents<MudBlazor.MudSelect<string>>()[0];
        await cut.InvokeAsync(select.Instance.OpenMenu);
        var options = providers.WaitForElements(".mud-popover-open .mud-list-item");
        Assert.Equal(["All types", "Opened", "Deposit", "Withdrawal", "Closed", "Transfer out", "Transfer in"], options.Select(o => o.TextContent.Trim()));
        await options.Single(o => o.TextContent.Trim() == "Deposit").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["2"], Positions(cut)));
        Assert.Equal("Deposit", Labels.Input(cut, "Event type").GetAttribute("value"));
    }

    [Fact]
    public async Task EventLog_AFilterChangedOnALaterPage_ShowsTheFirstPageOfWhatMatches()
    {
        await OpenAsync("A", "EUR", 10m);
        for (var i = 0; i < 55; i++)
        {
            await DepositAsync("A", 1m, $"R-{i}");
        }

        await Mediator.Send(new WithdrawMoneyCommand("A", 3m, "W-1"));
        RenderProviders();
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Equal("57", Positions(cut)[0]));
        await cut.Find("button[aria-label='Next page']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(["7", "6", "5", "4", "3", "2", "1"], Positions(cut)));

        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("MoneyWithdrawn"));

        cut.WaitForAssertion(() => Assert.Equal(["57"], Positions(cut)));
    }

    [Fact]
    public async Task AsOf_ShowsEachAccountThen_WithTheDifferenceToNow_IncludingAccountsOpenedSince_SoRowsAddUp()
    {
        await AtAsync(Local(2024, 1, 10), () => OpenAsync("A", "EUR", 100m));
        await AtAsync(Local(2024, 3, 1), () => DepositAsync("A", 25m));
        await AtAsync(Local(2024, 3, 2), () => OpenAsync("LATER", "EUR", 1m, holder: "Late Comer"));
        RenderProviders();
        var cut = Render<AsOfPage>();
        cut.WaitForAssertion(() => Assert.Contains("LATER", cut.Markup));

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "2024-02-01" });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Show balances").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll(".ledger-grid tbody tr.mud-table-row"), r => r.TextContent.Contains("Test Holder"));
            Assert.Contains("100.00", row.TextContent);
            Assert.Contains("125.00", row.TextContent);
            Assert.Contains("+25.00", row.TextContent);
            // The account opened since is a row of its own, so the differences add up to the totals' difference (+26.00).
            var later = Assert.Single(cut.FindAll(".ledger-grid tbody tr.mud-table-row"), r => r.TextContent.Contains("Late Comer"));
            Assert.Contains("Opened since", later.TextContent);
            Assert.Contains("+1.00", later.TextContent);
            Assert.Contains("+26.00", cut.Find("[aria-label='Totals per currency as of then and now'] tbody tr").TextContent);
            Assert.Equal("1", Labels.Value(cut, "Accounts then"));
        });
    }

    [Fact]
    public async Task AsOf_SaysWhenBackdatedEntriesChangedTheAnswer_AndAsKnownAtShowsItAsItWas()
    {
        await OpenAsync("A", "EUR", 100m);
        // Entered now, dated a year back: the answer for last year is not what the ledger said then.
        await AtAsync(DateTimeOffset.UtcNow.AddYears(-1), () => OpenAsync("BACK", "EUR", 50m));
        RenderProviders();
        var cut = Render<AsOfPage>();
        var lastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = lastMonth });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Show balances").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("1 back-dated entry in 1 account", cut.Find("[aria-label='Back-dated entries']").TextContent));

        await Labels.Input(cut, "As known at date").InputAsync(new() { Value = lastMonth });
        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Show balances").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("0", Labels.Value(cut, "Accounts then"));
            Assert.Empty(cut.FindAll("[aria-label='Back-dated entries']"));
        });
    }

    private static List<string> Positions(IRenderedComponent<EventLogPage> cut) =>
        cut.FindAll(".ledger-grid tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();

    private static DateTimeOffset Local(int year, int month, int day) =>
        new(DateTime.SpecifyKind(new DateTime(year, month, day, 12, 0, 0), DateTimeKind.Local));
}
