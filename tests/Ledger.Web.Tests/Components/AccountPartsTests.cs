using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Components.Pages.Accounts.TimeTravel;
using Ledger.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components;

/// <summary>The pieces of the account screen on their own: header, time-travel panel, history panel.</summary>
public sealed class AccountPartsTests : LedgerUiContext
{
    private ShortcutService Shortcuts => Services.GetRequiredService<ShortcutService>();

    [Fact]
    public async Task Header_ShowsTheAccountAsItIsNow_WithItsActions()
    {
        var account = await OpenAsync("A", "EUR", 12.5m, "Ada Header");
        RenderProviders();

        var cut = Render<AccountHeader>(p => p.Add(c => c.Account, account));

        Assert.Equal("Ada Header", cut.Find("h1").TextContent);
        Assert.Equal("12.50 EUR", Labels.Value(cut, "Balance"));
        Assert.Equal("1", Labels.Value(cut, "Version"));
        Assert.Equal("Active", Labels.Value(cut, "Status"));
        var actions = cut.FindAll("[role=toolbar][aria-label='Account actions'] button").Select(b => b.TextContent.Trim()).Where(t => t.Length > 0);
        Assert.Equal(["Deposit", "Withdraw", "Transfer", "Close account"], actions);
        Assert.Equal(["Statement", "Explain balance"], cut.FindAll("[role=toolbar][aria-label='Inspect account'] button").Select(b => b.TextContent.Trim()));
        Assert.All(cut.FindAll("[role=toolbar] button"), b => Assert.False(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Header_OnAClosedAccount_DisablesTheActions_AndAShortcutSaysWhy()
    {
        await OpenAsync("A", "EUR", 0m);
        await Mediator.Send(new CloseAccountCommand("A", "Done"));
        var closed = await AccountAsync("A");
        var providers = RenderProviders();
        var cut = Render<AccountHeader>(p => p.Add(c => c.Account, closed));

        await Shortcuts.OnShortcut("D");

        Assert.All(cut.FindAll("[role=toolbar][aria-label='Account actions'] button").Where(b => b.TextContent.Trim().Length > 0), b => Assert.True(b.HasAttribute("disabled")));
        // Reading a closed account stays open to everyone.
        Assert.All(cut.FindAll("[role=toolbar][aria-label='Inspect account'] button"), b => Assert.False(b.HasAttribute("disabled")));
        Assert.Contains("is closed", cut.Find("[role=status]").TextContent);
        providers.WaitForAssertion(() => Assert.Contains("deposits, withdrawals, transfers and closing are all refused", providers.Markup));
        Assert.Empty(providers.FindAll(".mud-dialog"));
    }

    [Theory]
    [InlineData("D", "Deposit")]
    [InlineData("W", "Withdraw")]
    [InlineData("T", "Transfer")]
    public async Task Header_Shortcut_OpensItsDialog(string key, string dialog)
    {
        var account = await OpenAsync("A", "EUR", 10m);
        var providers = RenderProviders();
        Render<AccountHeader>(p => p.Add(c => c.Account, account));

        var pressed = Shortcuts.OnShortcut(key);

        providers.WaitForAssertion(() => Assert.Equal(dialog, providers.Find(".mud-dialog .mud-dialog-title").TextContent.Trim()));
        await providers.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await pressed.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Header_AfterASuccessfulDeposit_TellsThePageAndSaysWhatHappened()
    {
        var account = await OpenAsync("A", "EUR", 10m);
        var providers = RenderProviders();
        var changed = 0;
        var cut = Render<AccountHeader>(p => p.Add(c => c.Account, account).Add(c => c.Changed, () => changed++));

        // The click's handler waits for the dialog to close.
        var clicked = cut.FindAll("button").First(b => b.TextContent.Trim() == "Deposit").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll(".mud-dialog")));
        Labels.Input(providers, "Amount").Change("2.5");
        Labels.Input(providers, "Reference").Change("R-2");
        await providers.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Deposit").ClickAsync(new());

        await clicked.WaitAsync(TimeSpan.FromSeconds(15));
        providers.WaitForAssertion(() => Assert.Contains("Deposited 2.50 EUR; balance now 12.50 EUR.", providers.Markup));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task TimeTravelPanel_ArrowsHomeAndEnd_MoveItAndTellThePage()
    {
        var account = await SeedThreeEventsAsync();
        RenderProviders();
        var moves = 0;
        var cut = Render<TimeTravelPanel>(p => p
            .Add(c => c.Account, account)
            .Add(c => c.Cursor, new TimeTravelCursor(account.Version))
            .Add(c => c.Series, [])
            .Add(c => c.Moved, () => moves++));
        Assert.Equal("Live · version 3 of 3", Labels.Value(cut, "Time travel position"));

        await Shortcuts.OnShortcut("Left");
        cut.WaitForAssertion(() => Assert.Equal("115.00 EUR", Labels.Value(cut, "Balance then")));
        Assert.Equal("Version 2 of 3", Labels.Value(cut, "Time travel position"));

        await Shortcuts.OnShortcut("Home");
        cut.WaitForAssertion(() => Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance then")));

        await Shortcuts.OnShortcut("Right");
        cut.WaitForAssertion(() => Assert.Equal("Version 2 of 3", Labels.Value(cut, "Time travel position")));

        await Shortcuts.OnShortcut("End");
        cut.WaitForAssertion(() => Assert.Equal("Live · version 3 of 3", Labels.Value(cut, "Time travel position")));
        Assert.DoesNotContain(cut.FindAll("label"), l => l.TextContent.Trim() == "Balance then");
        Assert.Equal(4, moves);
    }

    [Fact]
    public async Task TimeTravelPanel_Play_RunsToTheNewestEvent_AndStops()
    {
        var account = await SeedThreeEventsAsync();
        RenderProviders();
        var cursor = new TimeTravelCursor(account.Version);
        var cut = Render<TimeTravelPanel>(p => p.Add(c => c.Account, account).Add(c => c.Cursor, cursor));

        await cut.Find("button[aria-label='Play']").ClickAsync(new());

        Assert.Equal("Version 1 of 3", Labels.Value(cut, "Time travel position"));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Version 3 of 3", Labels.Value(cut, "Time travel position"));
            Assert.NotEmpty(cut.FindAll("button[aria-label='Play']"));
        });
        Assert.False(cursor.Playing);
        Assert.Equal("120.00 EUR", Labels.Value(cut, "Balance then"));
    }

    [Fact]
    public async Task HistoryPanel_ListsTheEvents_AndARowClickReportsItsVersion()
    {
        await SeedThreeEventsAsync();
        RenderProviders();
        long? clicked = null;
        var cut = Render<HistoryPanel>(p => p
            .Add(c => c.AccountId, "TT")
            .Add(c => c.HeadVersion, 3)
            .Add(c => c.VersionClicked, EventCallback.Factory.Create<long>(this, v => clicked = v)));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr.mud-table-row").Count));

        Assert.Equal("History", cut.Find("h2").TextContent);
        await cut.FindAll("tbody tr.mud-table-row").Last().ClickAsync(new());

        Assert.Equal(1, clicked);
    }

    [Fact]
    public async Task HistoryPanel_OfANewAccount_CountsItsOneEvent()
    {
        await OpenAsync("NEW");
        RenderProviders();

        var cut = Render<HistoryPanel>(p => p.Add(c => c.AccountId, "NEW").Add(c => c.HeadVersion, 1));

        cut.WaitForAssertion(() => Assert.StartsWith("1 event, newest first", cut.Find(".ledger-toolbar .ledger-muted").TextContent));
    }

    [Fact]
    public async Task AccountDetail_ClickingAHistoryRow_TravelsToThatEvent()
    {
        await SeedThreeEventsAsync();
        RenderProviders();
        var cut = Render<AccountDetail>(p => p.Add(c => c.AccountId, "TT"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count));

        await cut.FindAll(".ledger-grid tbody tr.mud-table-row").Last().ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Version 1 of 3", Labels.Value(cut, "Time travel position"));
            Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance then"));
            Assert.Contains("selected moment", Assert.Single(cut.FindAll("tr.ledger-row-selected")).TextContent);
        });
    }

    [Fact]
    public void AccountDetail_ForAnUnknownAccount_SaysSo()
    {
        var cut = Render<AccountDetail>(p => p.Add(c => c.AccountId, "NOPE"));

        cut.WaitForAssertion(() => Assert.Contains("There is no account 'NOPE'.", cut.Markup));
    }

    private async Task<AccountView> SeedThreeEventsAsync()
    {
        await OpenAsync("TT", "EUR", 100m);
        await DepositAsync("TT", 15m);
        await DepositAsync("TT", 5m);
        return await AccountAsync("TT");
    }
}
