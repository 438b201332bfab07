namespace Ledger.EndToEnd.Tests;

/// <summary>The journeys that run on every engine: <see cref="Journeys"/> runs them on SQLite, <see cref="PostgresJourneys"/> on PostgreSQL.</summary>
public sealed partial class Journeys
{
    /// <summary>Open, deposit, withdraw: the balance, the version and the history show exactly those events.</summary>
    internal static async Task OpenDepositWithdrawAsync(LedgerApp app, IPage page)
    {
        await StartOnNewAccountAsync(page, "E2E-1", "Erin Example", 100m);
        await Expect(Value(page, "Balance")).ToHaveTextAsync("100.00 EUR");

        await MoveMoneyAsync(page, "Deposit", 50.25m, "DEP-1", "Salary");
        await Expect(Value(page, "Balance")).ToHaveTextAsync("150.25 EUR");

        // The closed dialog hands focus back to the Deposit button. Focus that came from a click opens no
        // tooltip over the page (it stayed there until the mouse passed by); a keyboard user's focus still does.
        await Expect(Button(page, "Deposit").First).ToBeFocusedAsync();
        await page.WaitForTimeoutAsync(750); // what a tooltip took to open on focus, three times over
        await Expect(page.Locator(".mud-tooltip.mud-popover-open")).ToHaveCountAsync(0);
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
        await Expect(Total(page, "EUR")).ToHaveTextAsync("320.00");
        await GotoAsync(page, "/accounts/E2E-FROM");

        var dialog = await OpenDialogAsync(Button(page, "Transfer").First, Dialog(page, "Transfer"));
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
        await Expect(Total(page, "EUR")).ToHaveTextAsync("320.00");
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

        // Where time travel stands is in the address, so a reload opens the account at the same event.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/accounts/E2E-TT\\?version=1$"));
        await page.ReloadAsync();
        await Expect(Value(page, "Version then")).ToHaveTextAsync("1");
        await Expect(Value(page, "Balance then")).ToHaveTextAsync("100.00 EUR");

        await Button(page, "Live").ClickAsync();
        await Expect(Value(page, "Time travel position")).ToContainTextAsync("Live");
        await Expect(Value(page, "Balance then")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/accounts/E2E-TT$"));

        // "As of" on a sample account with a year of back-dated history: the page must show what the
        // API's time-travel query says about the same moment.
        var accountId = "ACC-ALICE-CHK";
        var asOfLocal = DateTime.Today.AddDays(-180).AddHours(12);
        await GotoAsync(page, "/accounts/" + accountId);
        await page.GetByLabel("As of date").FillAsync(asOfLocal.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("As of date").PressAsync("Enter");
        await page.GetByLabel("As of time").FillAsync("12:00");
        await page.GetByLabel("As of time").PressAsync("Enter");
        // The typed time counts, not only the date (whose moment would be the end of that day): whether the
        // day has an event after noon depends on the day the test runs, so the page must say which moment it shows.
        await Expect(page.GetByText("Last event at or before")).ToContainTextAsync("12:00 PM");
        var truth = await app.StateAtAsync(accountId, new DateTimeOffset(asOfLocal));
        await Expect(Value(page, "Version then")).ToHaveTextAsync(truth.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Value(page, "Balance then")).ToContainTextAsync(truth.Balance.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
