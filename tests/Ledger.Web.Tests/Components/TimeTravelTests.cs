using Bunit.TestDoubles;
using Ledger.Web.Components.Pages.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Ledger.Web.Tests.Components;

public sealed class TimeTravelTests : LedgerUiContext
{
    private static readonly DateTimeOffset Opened = Local(2024, 1, 10, 10);
    private static readonly DateTimeOffset Deposited = Local(2024, 2, 10, 12);
    private static readonly DateTimeOffset Withdrawn = Local(2024, 3, 10, 9);

    [Fact]
    public async Task Slider_AtAChosenVersion_ShowsTheAccountAsItWasThen_AndHighlightsThatEvent()
    {
        var cut = await RenderSeededAccountAsync();

        await cut.Find("input[type=range][aria-label='Time travel']").ChangeAsync(new() { Value = "2" });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("150.00 EUR", Labels.Value(cut, "Balance then"));
            Assert.Equal("2", Labels.Value(cut, "Version then"));
            Assert.Equal("Version 2 of 3", Position(cut));
            var selected = Assert.Single(cut.FindAll("tr.ledger-row-selected"));
            Assert.Contains("+50.00", selected.TextContent);
        });
        // The header keeps showing the account as it is now.
        Assert.Equal("120.00 EUR", Labels.Value(cut, "Balance"));
    }

    [Fact]
    public async Task Slider_WhileDragged_StaysPut_AndMovesWhereItIsLetGo()
    {
        var cut = await RenderSeededAccountAsync();
        var slider = cut.Find("input[type=range][aria-label='Time travel']");

        // A drag's input events: answering each one sent renders of positions the thumb had already left, which put
        // the thumb back mid-drag (a 48,610-event account ended two drags in four somewhere other than where it was dropped).
        try
        {
            await slider.InputAsync(new() { Value = "1" });
        }
        catch (Bunit.MissingEventHandlerException)
        {
            // No handler for input at all: just as good.
        }

        Assert.Equal("Live · version 3 of 3", Position(cut));

        await cut.Find("input[type=range][aria-label='Time travel']").ChangeAsync(new() { Value = "2" });
        cut.WaitForAssertion(() => Assert.Equal("Version 2 of 3", Position(cut)));
    }

    [Fact]
    public async Task AsOfPicker_AtAChosenTime_JumpsToTheLastEventAtOrBeforeIt()
    {
        var cut = await RenderSeededAccountAsync();

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "2024-02-20" });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Version 2 of 3", Position(cut));
            Assert.Equal("150.00 EUR", Labels.Value(cut, "Balance then"));
            Assert.Contains("2024-02-10", Labels.Value(cut, "Event time"));
        });
    }

    [Fact]
    public async Task AsOfPicker_BeforeTheAccountExisted_SaysSo()
    {
        var cut = await RenderSeededAccountAsync();

        await Labels.Input(cut, "As of date").InputAsync(new() { Value = "2023-12-31" });

        cut.WaitForAssertion(() => Assert.Contains("did not exist yet", cut.Markup));
        Assert.StartsWith("Live", Position(cut));
    }

    [Fact]
    public async Task StepBack_FromLive_ShowsThePreviousVersion_AndLiveReturns()
    {
        var cut = await RenderSeededAccountAsync();

        await cut.Find("button[aria-label='Step back']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Version 2 of 3", Position(cut)));

        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Live").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("Live · version 3 of 3", Position(cut)));
        Assert.Empty(cut.FindAll("tr.ledger-row-selected"));
    }

    [Fact]
    public async Task NewEvents_WhileTravelling_KeepThePosition_AndSayNewerEventsExist()
    {
        var cut = await RenderSeededAccountAsync();
        await cut.Find("input[type=range][aria-label='Time travel']").ChangeAsync(new() { Value = "1" });
        cut.WaitForAssertion(() => Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance then")));

        await DepositAsync("TT", 1000m, "R-live");

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Newer events exist", cut.Markup);
            Assert.Equal("1,120.00 EUR", Labels.Value(cut, "Balance"));
        });
        Assert.Equal("Version 1 of 4", Position(cut));
        Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance then"));
    }

    [Fact]
    public async Task Live_FollowsNewEvents_WithoutReload()
    {
        var cut = await RenderSeededAccountAsync();
        cut.WaitForAssertion(() => Assert.Equal("120.00 EUR", Labels.Value(cut, "Balance")));

        await DepositAsync("TT", 0.5m, "R-live");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("120.50 EUR", Labels.Value(cut, "Balance"));
            Assert.Equal("Live · version 4 of 4", Position(cut));
        });
    }

    [Fact]
    public async Task WhereTimeTravelStands_IsKeptInTheAddressBar_ReplacingTheEntry_SoAReloadOpensThere()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts/TT");
        var cut = await RenderSeededAccountAsync();

        await cut.Find("button[aria-label='Step back']").ClickAsync(new());
        await cut.Find("button[aria-label='Step back']").ClickAsync(new());

        await AddressAsync(navigation, "http://localhost/accounts/TT?version=1");
        Assert.All(navigation.History.SkipLast(1), entry => Assert.True(entry.Options.ReplaceHistoryEntry));
        Assert.Equal("Version 1 of 3", Position(cut));

        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Live").ClickAsync(new());

        await AddressAsync(navigation, "http://localhost/accounts/TT");
        Assert.Equal("Live · version 3 of 3", Position(cut));
    }

    /// <summary>
    /// The page hands each address write back as StartAtVersion, and on a busy machine one came back after the cursor had
    /// moved on: play went 1, 2, 1, 2, 3. An echo of time travel's own write is not a link to follow; a link still is.
    /// </summary>
    [Fact]
    public async Task ALateEchoOfItsOwnAddress_DoesNotMoveTimeTravelBack_ButALinkToAnEventStillDoes()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts/TT");
        var cut = await RenderSeededAccountAsync();
        await cut.Find("button[aria-label='Step back']").ClickAsync(new());
        await AddressAsync(navigation, "http://localhost/accounts/TT?version=2");
        await cut.Find("button[aria-label='Step back']").ClickAsync(new());
        await AddressAsync(navigation, "http://localhost/accounts/TT?version=1");

        // The write of version 2, handed back only now.
        cut.Render(p => p.Add(c => c.StartAtVersion, 2));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Equal("Version 1 of 3", Position(cut));

        // A search result or a shared link to version 2 of the same account: followed.
        navigation.NavigateTo("accounts/TT?version=2");
        cut.Render(p => p.Add(c => c.StartAtVersion, 2));
        cut.WaitForAssertion(() => Assert.Equal("Version 2 of 3", Position(cut)));
    }

    [Fact]
    public async Task WhileADialogIsOpen_TheAddressWaits_SinceAnyChangeOfAddressWouldCloseTheDialog()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts/TT");
        var cut = await RenderSeededAccountAsync();
        var account = await AccountAsync("TT");
        IDialogReference dialog = null!;
        await cut.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<CloseAccountDialog>("Close", new DialogParameters { { "Account", account } }));

        await cut.Find("button[aria-label='Step back']").ClickAsync(new());
        await Task.Delay(TimeSpan.FromSeconds(1)); // three times the address bar's throttle

        Assert.Equal("http://localhost/accounts/TT", navigation.Uri);
        Assert.False(dialog.Result.IsCompleted);

        await cut.InvokeAsync(() => dialog.Close());
        await AddressAsync(navigation, "http://localhost/accounts/TT?version=2");
    }

    [Fact]
    public async Task OpenedWithAVersionInTheAddress_StartsThere()
    {
        await AtAsync(Opened, () => OpenAsync("TT", "EUR", 100m, "Tess Travel"));
        await AtAsync(Deposited, () => DepositAsync("TT", 50m, "R-dep"));
        RenderProviders();

        var cut = Render<AccountDetail>(p => p.Add(c => c.AccountId, "TT").Add(c => c.StartAtVersion, 1));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Version 1 of 2", Position(cut));
            Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance then"));
        });
    }

    /// <summary>Account "TT" with three back-dated events (opened with 100, +50, -30), rendered live with its history loaded.</summary>
    private async Task<IRenderedComponent<AccountDetail>> RenderSeededAccountAsync()
    {
        await AtAsync(Opened, () => OpenAsync("TT", "EUR", 100m, "Tess Travel"));
        await AtAsync(Deposited, () => DepositAsync("TT", 50m, "R-dep"));
        await AtAsync(Withdrawn, () => Mediator.Send(new WithdrawMoneyCommand("TT", 30m, "R-wd")).AsTask());
        RenderProviders();
        var cut = Render<AccountDetail>(p => p.Add(c => c.AccountId, "TT"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count));
        return cut;
    }

    /// <summary>Waits for the address bar, which a throttled navigation changes with no render bUnit would wait for.</summary>
    private static Task AddressAsync(NavigationManager navigation, string expected) =>
        Poll.UntilAsync(() => navigation.Uri == expected, $"the address {expected}", TimeSpan.FromSeconds(10));

    private static string Position(IRenderedComponent<AccountDetail> cut) => Labels.Value(cut, "Time travel position");

    private static DateTimeOffset Local(int year, int month, int day, int hour) =>
        new(DateTime.SpecifyKind(new DateTime(year, month, day, hour, 0, 0), DateTimeKind.Local));
}
