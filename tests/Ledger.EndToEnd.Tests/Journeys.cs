using System.Text.RegularExpressions;

namespace Ledger.EndToEnd.Tests;

/// <summary>What people do with Ledger, in a real browser over a live circuit, found by text, role and label.</summary>
public sealed partial class Journeys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task EmptyLedger_LoadSample_ListsTheSampleAccountsWithTotals()
    {
        await JourneyAsync(async (app, page) =>
        {
            await GotoAsync(page, "/");
            await Expect(page.GetByText("This ledger has no accounts yet")).ToBeVisibleAsync();
            await SaveAsync(page, "pages", "empty");

            await Button(page, "Load sample ledger").ClickAsync();

            await Expect(Total(page, "EUR")).ToBeVisibleAsync(new() { Timeout = 180_000 });
            await Expect(Total(page, "JPY")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ACC-MARCO-OLD" })).ToBeVisibleAsync();
            Assert.True(await page.GetByRole(AriaRole.Row).CountAsync() >= 11, "the grid should list about a dozen sample accounts");
            await SaveAsync(page, "pages", "accounts");
        });
    }

    [SkippableFact]
    public Task OpenDepositWithdraw_BalanceAndHistoryShowExactlyThoseEvents() => JourneyAsync(OpenDepositWithdrawAsync);

    [SkippableFact]
    public async Task WithdrawMoreThanTheBalance_ShowsTheDomainsMessage_AndChangesNothing()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-2", "Poor Pete", 70.50m);

            var dialog = await MoveMoneyAsync(page, "Withdraw", 100m, "TOO-MUCH");

            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Insufficient funds: 100.00 EUR requested, but the balance of 'E2E-2' is 70.50 EUR.");
            await SaveAsync(page, "pages", "withdraw-refused");
            await Button(dialog, "Cancel").ClickAsync();
            await Expect(Value(page, "Balance")).ToHaveTextAsync("70.50 EUR");
            await Expect(Value(page, "Version")).ToHaveTextAsync("1");
            await Expect(page.GetByText("TOO-MUCH")).ToHaveCountAsync(0);
        });
    }

    [SkippableFact]
    public Task Transfer_BothHistoriesShowTheirLeg_AndTotalsStayTheSame() => JourneyAsync(TransferAsync);

    [SkippableFact]
    public async Task Close_IsRefusedWithMoney_ThenAllowedAtZero_ThenEverythingIsRefused()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-CLOSE", "Clara Close", 10m);

            var close = await CloseAccountAsync(page, "Moving banks");
            await Expect(close.GetByRole(AriaRole.Alert)).ToContainTextAsync("only an account with a balance of exactly 0 can be closed");
            await Button(close, "Cancel").ClickAsync();

            await MoveMoneyAsync(page, "Withdraw", 10m, "EMPTY-IT");
            await Expect(Value(page, "Balance")).ToHaveTextAsync("0.00 EUR");
            close = await CloseAccountAsync(page, "Moving banks");
            await Expect(close).ToBeHiddenAsync();

            var details = page.GetByRole(AriaRole.Region, new() { Name = "Account details" });
            await Expect(details.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("Closed");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "is closed" })).ToBeVisibleAsync();
            foreach (var action in new[] { "Deposit", "Withdraw", "Transfer", "Close account" })
            {
                await Expect(Button(page, action).First).ToBeDisabledAsync();
            }

            await page.Keyboard.PressAsync("d");
            await Expect(page.GetByText("deposits, withdrawals, transfers and closing are all refused").Last).ToBeVisibleAsync();
            await Expect(Value(page, "Version")).ToHaveTextAsync("3");
        });
    }

    [SkippableFact]
    public Task TimeTravel_WithTheKeyboard_AndAsOf_ThenLive() => JourneyAsync(TimeTravelAsync);

    [SkippableFact]
    public async Task TwoBrowsers_OnOneAccount_ADepositInOneAppearsInTheOther()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-LIVE", "Liv Live", 5m);
            await using var otherContext = await NewContextAsync(app);
            var other = await otherContext.NewPageAsync();
            await GotoAsync(other, "/accounts/E2E-LIVE");
            await Expect(Value(other, "Balance")).ToHaveTextAsync("5.00 EUR");

            await MoveMoneyAsync(page, "Deposit", 7.25m, "FROM-TAB-1");

            await Expect(Value(other, "Balance")).ToHaveTextAsync("12.25 EUR");
            await Expect(Row(History(other), "FROM-TAB-1")).ToBeVisibleAsync();
        });
    }

    [SkippableFact]
    public async Task ScriptInNamesAndDescriptions_RendersAsText_AndNoDialogFires()
    {
        const string script = "<script>alert(1)</script>";
        const string image = "<img src=x onerror=alert(1)>";
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-XSS", script + image, 10m);
            await MoveMoneyAsync(page, "Deposit", 1m, "REF-XSS", image + script);
            await Expect(Value(page, "Balance")).ToHaveTextAsync("11.00 EUR");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = script + image })).ToBeVisibleAsync();
            await Expect(page.GetByText(image + script).First).ToBeVisibleAsync();
            await GotoAsync(page, "/accounts");
            await Expect(page.GetByText(script + image).First).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
            Assert.Empty(DialogsSeen);
        });
    }

    /// <summary>
    /// At the widths laptops and desktops have, an account's history fits where it is shown (beside the list, or alone
    /// below 1340 px) and each reference is on screen: in its own column where there is room, else under the
    /// description. Beside the list the Description and Reference columns were once off to the right, behind a
    /// sideways scroll, at every width below 1600 px.
    /// </summary>
    [SkippableFact]
    public async Task History_FitsWhereItIsShown_AtLaptopWidths_WithEveryReferenceOnScreen()
    {
        const string reference = "INV-2026-000123-ACME-WHOLESALE";
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-WIDE", "Wanda Width", 10m, new Move("Deposit", 1234.56m, reference, "Wholesale refund for the March order"));
            var row = Row(History(page), "Wholesale refund");
            var grid = History(page).Locator(".mud-table-container");
            foreach (var width in new[] { 1280, 1366, 1440, 1600, 1920 })
            {
                await page.SetViewportSizeAsync(width, 1000);
                await Expect(page.Locator("section[aria-label='Account list']")).ToBeVisibleAsync(new() { Visible = width > 1340 });
                await Expect(row).ToBeVisibleAsync();
                Assert.True(await grid.EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth"), $"the history scrolls sideways at {width} px");

                var shown = row.GetByText(reference).Filter(new() { Visible = true });
                await Expect(shown).ToHaveCountAsync(1);
                var (text, box) = (await shown.BoundingBoxAsync(), await grid.BoundingBoxAsync());
                Assert.True(text!.X + text.Width <= box!.X + box.Width + 1, $"the reference runs past the history's right edge at {width} px");
            }
        });
    }

    [SkippableFact]
    public async Task Diagnostics_RebuildRunsToCompletion_AndLeavesEveryBalanceUnchanged()
    {
        await JourneyAsync(async (app, page) =>
        {
            await GotoAsync(page, "/");
            await OpenAccountAsync(page, "E2E-R1", "Rae Rebuild", 40m);
            await OpenAccountAsync(page, "E2E-R2", "Rob Rebuild", 2m);
            await Expect(Total(page, "EUR")).ToHaveTextAsync("42.00");

            await GotoAsync(page, "/diagnostics");
            // At 1600px (the suite's window) a card is a third of the page; the Projections table must fit in it.
            var projections = page.Locator("[aria-label=Projections] .mud-table-container");
            await Expect(projections.Locator("tbody tr").First).ToBeVisibleAsync();
            Assert.True(await projections.EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth"), "the Projections table scrolls sideways");
            await Button(page, "Rebuild projections").ClickAsync();
            var confirm = Dialog(page, "Rebuild projections?");
            await Expect(confirm).ToContainTextAsync("built again from all 2 stored events");
            await Button(confirm, "Rebuild").ClickAsync();
            await Expect(confirm).ToBeHiddenAsync();
            await Expect(page.GetByText(new Regex(@"Rebuilt \d+ events .* events/s\)\. The read model was already exactly what the events say"))).ToBeVisibleAsync(new() { Timeout = 60_000 });

            await Button(page, "Back up now").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Backed up and checked" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var backup = await Value(page, "Backup file").Locator("span").GetAttributeAsync("title");
            Assert.True(File.Exists(backup), $"the page names a backup that is not there: {backup}");
            await Expect(Value(page, "Events in backup")).ToHaveTextAsync("2");
            await SaveAsync(page, "pages", "diagnostics");
            File.Delete(backup!);

            await GotoAsync(page, "/accounts");
            await Expect(Total(page, "EUR")).ToHaveTextAsync("42.00");
            await GotoAsync(page, "/accounts/E2E-R1");
            await Expect(Value(page, "Balance")).ToHaveTextAsync("40.00 EUR");
        });
    }
}
