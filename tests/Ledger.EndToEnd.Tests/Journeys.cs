using System.Text.RegularExpressions;

namespace Ledger.EndToEnd.Tests;

/// <summary>What people do with Ledger, in a real browser over a live circuit, found by text, role and label.</summary>
public sealed class Journeys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
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

            var totals = Totals(page);
            await Expect(totals.GetByLabel("Total EUR")).ToBeVisibleAsync(new() { Timeout = 180_000 });
            await Expect(totals.GetByLabel("Total JPY")).ToBeVisibleAsync();
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

            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Insufficient funds: balance 70.50, requested 100.00");
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
            await Expect(other.GetByText("FROM-TAB-1")).ToBeVisibleAsync();
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

    [SkippableFact]
    public async Task Diagnostics_RebuildRunsToCompletion_AndLeavesEveryBalanceUnchanged()
    {
        await JourneyAsync(async (app, page) =>
        {
            await GotoAsync(page, "/");
            await OpenAccountAsync(page, "E2E-R1", "Rae Rebuild", 40m);
            await OpenAccountAsync(page, "E2E-R2", "Rob Rebuild", 2m);
            var totals = Totals(page);
            await Expect(totals.GetByLabel("Total EUR")).ToHaveTextAsync("42.00");

            await GotoAsync(page, "/diagnostics");
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
            await Expect(totals.GetByLabel("Total EUR")).ToHaveTextAsync("42.00");
            await GotoAsync(page, "/accounts/E2E-R1");
            await Expect(Value(page, "Balance")).ToHaveTextAsync("40.00 EUR");
        });
    }

    /// <summary>Open, deposit, withdraw: the balance, the version and the history show exactly those events.</summary>
    internal static async Task OpenDepositWithdrawAsync(LedgerApp app, IPage page)
    {
        await StartOnNewAccountAsync(page, "E2E-1", "Erin Example", 100m);
        await Expect(Value(page, "Balance")).ToHaveTextAsync("100.00 EUR");

        await MoveMoneyAsync(page, "Deposit", 50.25m, "DEP-1", "Salary");
        await Expect(Value(page, "Balance")).ToHaveTextAsync("150.25 EUR");
        await MoveMoneyAsync(page, "Withdraw", 20m, "ATM-1", "Cash");
        await Expect(Value(page, "Balance")).ToHaveTextAsync("130.25 EUR");
        await Expect(Value(page, "Version")).ToHaveTextAsync("3");

        var history = History(page);
        await Expect(Row(history, "ATM-1")).ToContainTextAsync("130.25");
        await Expect(Row(history, "DEP-1")).ToContainTextAsync("150.25");
        await Expect(Row(history, "Account opened")).ToContainTextAsync("100.00");

        // The list beside the account and the status bar follow too, without a reload.
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Account list" });
        await Expect(Row(list, "E2E-1")).ToContainTextAsync("130.25");
        await Expect(Value(page, "Total events")).ToHaveTextAsync("3");
        await SavePageAsync(app, page, "account");
    }

    /// <summary>A transfer through its dialog: each history shows its leg, and the totals stay the same.</summary>
    internal static async Task TransferAsync(LedgerApp app, IPage page)
    {
        await GotoAsync(page, "/");
        await OpenAccountAsync(page, "E2E-FROM", "Fiona From", 300m);
        await OpenAccountAsync(page, "E2E-TO", "Toby To", 20m);
        var totals = Totals(page);
        await Expect(totals.GetByLabel("Total EUR")).ToHaveTextAsync("320.00");
        await GotoAsync(page, "/accounts/E2E-FROM");

        await Button(page, "Transfer").First.ClickAsync();
        var dialog = Dialog(page, "Transfer");
        await dialog.GetByLabel("To account").FillAsync("E2E-TO");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "E2E-TO" }).First.ClickAsync();
        // As a person does: see the choice taken and the list closed before typing on.
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "To account" })).ToHaveValueAsync("E2E-TO");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await dialog.GetByLabel("Amount").FillAsync("120");
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "To account" })).ToHaveValueAsync("E2E-TO");
        await dialog.GetByLabel("Description").FillAsync("Rent share");
        await Button(dialog, "Transfer").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Expect(Value(page, "Balance")).ToHaveTextAsync("180.00 EUR");
        var history = History(page);
        await Expect(Row(history, "Rent share")).ToContainTextAsync("-120.00");
        await history.GetByRole(AriaRole.Link, new() { Name = "E2E-TO" }).First.ClickAsync();
        await Expect(Value(page, "Balance")).ToHaveTextAsync("140.00 EUR");
        await Expect(Row(History(page), "Rent share")).ToContainTextAsync("+120.00");
        await Expect(totals.GetByLabel("Total EUR")).ToHaveTextAsync("320.00");
    }

    /// <summary>On the sample ledger: the slider by keyboard, Live, and an "as of" moment that must match the API's answer.</summary>
    internal static async Task TimeTravelAsync(LedgerApp app, IPage page)
    {
        await GotoAsync(page, "/");
        await Button(page, "Load sample ledger").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ACC-MARCO-OLD" })).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await OpenAccountAsync(page, "E2E-TT", "Tim Travel", 100m);
        await GotoAsync(page, "/accounts/E2E-TT");
        await MoveMoneyAsync(page, "Deposit", 10m, "D-2");
        await Expect(Value(page, "Version")).ToHaveTextAsync("2");
        await MoveMoneyAsync(page, "Deposit", 20m, "D-3");
        await Expect(Value(page, "Version")).ToHaveTextAsync("3");

        var slider = page.GetByRole(AriaRole.Slider, new() { Name = "Time travel" });
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");

        await Expect(Value(page, "Version then")).ToHaveTextAsync("1");
        await Expect(Value(page, "Balance then")).ToHaveTextAsync("100.00 EUR");
        await Expect(Row(History(page), "selected moment")).ToContainTextAsync("Account opened");
        await Expect(Value(page, "Balance")).ToHaveTextAsync("130.00 EUR");
        await SavePageAsync(app, page, "time-travel");

        await Button(page, "Live").ClickAsync();
        await Expect(Value(page, "Time travel position")).ToContainTextAsync("Live");
        await Expect(Value(page, "Balance then")).ToHaveCountAsync(0);

        // "As of" on a sample account with a year of back-dated history: the page must show what the
        // API's time-travel query says about the same moment.
        var accountId = "ACC-ALICE-CHK";
        var asOfLocal = DateTime.Today.AddDays(-180).AddHours(12);
        await GotoAsync(page, "/accounts/" + accountId);
        await page.GetByLabel("As of date").FillAsync(asOfLocal.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("As of date").PressAsync("Enter");
        await page.GetByLabel("As of time").FillAsync("12:00");
        await page.GetByLabel("As of time").PressAsync("Enter");
        var truth = await app.StateAtAsync(accountId, new DateTimeOffset(asOfLocal));
        await Expect(Value(page, "Version then")).ToHaveTextAsync(truth.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Value(page, "Balance then")).ToContainTextAsync(truth.Balance.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
