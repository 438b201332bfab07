using System.Text.RegularExpressions;

namespace Ledger.EndToEnd.Tests;

/// <summary>Inspecting an account and the ledger: a statement and its CSV, explain this balance, compare two moments, find a payment by reference.</summary>
public sealed class InspectionJourneys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task Statement_ShowsThePeriod_AndItsCsvDownloadHoldsTheSameLines()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(
                page, "E2E-STMT", "Stella Statement", 100m,
                new Move("Deposit", 40.5m, "INV-77", "Invoice 77, March"),
                new Move("Withdraw", 15m, "CARD-9"));

            var dialog = await OpenDialogAsync(Button(page, "Statement"), Dialog(page, "Statement of E2E-STMT"));
            await Expect(dialog.GetByLabel("Closing balance", new() { Exact = true })).ToHaveTextAsync("125.50 EUR");
            await Expect(dialog.GetByLabel("Money in", new() { Exact = true })).ToHaveTextAsync("140.50");
            await Expect(dialog.GetByLabel("Money out", new() { Exact = true })).ToHaveTextAsync("15.00");
            await SavePageAsync(app, page, "statement");

            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByText("Download CSV").ClickAsync());
            var path = await download.PathAsync();
            var lines = (await File.ReadAllTextAsync(path)).Split("\r\n");
            Assert.Equal("date,type,reference,description,counterparty,amount,balance", lines[0]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,AccountOpened,,Account opened,,100\.00,100\.00$", lines[1]);
            Assert.EndsWith(",MoneyDeposited,INV-77,\"Invoice 77, March\",,40.50,140.50", lines[2], StringComparison.Ordinal);
            Assert.EndsWith(",MoneyWithdrawn,CARD-9,Withdrawal,,-15.00,125.50", lines[3], StringComparison.Ordinal);
            Assert.Equal("", lines[4]);
            Assert.Equal("statement-E2E-STMT-", download.SuggestedFilename[..19]);
        });
    }

    [SkippableFact]
    public async Task ExplainBalance_ReplaysTheEvents_ToTheBalanceShown()
    {
        await JourneyAsync(async (app, page) =>
        {
            // A long reference and description, as a transfer's: they widen the history, which once pushed the explain
            // buttons out of sight beside the account list.
            await StartOnNewAccountAsync(page, "E2E-WHY", "Walter Why", 10m, new Move("Deposit", 5m, "W-1-" + new string('R', 60), "Rent share for the flat on the Rue des Lilas 12, March"));
            var details = await page.GetByRole(AriaRole.Region, new() { Name = "Account details" }).BoundingBoxAsync();
            var explainButton = await History(page).GetByRole(AriaRole.Button, new() { Name = "Explain the balance after version 2" }).BoundingBoxAsync();
            Assert.True(explainButton!.X + explainButton.Width <= details!.X + details.Width, $"The explain button ends at {explainButton.X + explainButton.Width}, beyond the details' edge at {details.X + details.Width}.");

            var dialog = await OpenDialogAsync(Button(page, "Explain balance"), Dialog(page, "Explain the balance of E2E-WHY"));
            await Expect(dialog.GetByRole(AriaRole.Status).Filter(new() { HasText = "the same as the read model" })).ToContainTextAsync("15.00 EUR");
            await Expect(dialog.GetByLabel("Snapshot used", new() { Exact = true })).ToHaveTextAsync("none: replayed from the first event");
            await Expect(dialog.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await SavePageAsync(app, page, "explain");
            await page.Keyboard.PressAsync("Escape");

            await History(page).GetByRole(AriaRole.Button, new() { Name = "Explain the balance after version 1" }).ClickAsync();
            var first = Dialog(page, "Explain the balance of E2E-WHY after version 1");
            await Expect(first.GetByLabel("Balance shown", new() { Exact = true })).ToHaveTextAsync("10.00 EUR");
        });
    }

    [SkippableFact]
    public async Task Compare_ShowsAccountsOpenedInBetween_AndTheEventsInBetween()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "E2E-CMP", "Carla Compare", 20m, new Move("Deposit", 2.5m, "CMP-1"));

            await GotoAsync(page, "/compare");
            await Button(page, "Compare").ClickAsync();

            var grid = page.GetByLabel("Accounts at both moments", new() { Exact = true });
            var row = Row(grid, "E2E-CMP");
            await Expect(row).ToContainTextAsync("Opened in between");
            await Expect(row).ToContainTextAsync("+22.50");
            var totals = page.GetByLabel("Totals per currency at both moments", new() { Exact = true });
            await Expect(Row(totals, "EUR")).ToContainTextAsync("+22.50");
            await SavePageAsync(app, page, "compare");

            // A number column's title sits over its numbers, at the right (MudDataGrid spread it to the left).
            var titleGaps = await grid.EvaluateAsync<double[]>(@"grid => [...grid.querySelectorAll('th.ledger-right')].map(th => {
                const text = document.createTreeWalker(th, NodeFilter.SHOW_TEXT, { acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP }).nextNode();
                const range = document.createRange();
                range.selectNodeContents(text);
                return th.getBoundingClientRect().right - parseFloat(getComputedStyle(th).paddingRight) - range.getBoundingClientRect().right;
            })");
            Assert.NotEmpty(titleGaps);
            Assert.All(titleGaps, gap => Assert.InRange(gap, -1, 4));

            await row.GetByLabel("List the 2 events of E2E-CMP in between").ClickAsync();
            var events = Dialog(page, "Events of E2E-CMP in between");
            await Expect(Row(events, "CMP-1")).ToContainTextAsync("+2.50");
        });
    }

    [SkippableFact]
    public async Task SearchByTransactionReference_OpensTheAccountAtThatEvent()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(
                page, "E2E-FIND", "Fiona Find", 10m,
                new Move("Deposit", 7m, "REF-FIND-1"),
                new Move("Deposit", 8m, "REF-FIND-2"));
            await GotoAsync(page, "/");

            await page.GetByLabel("Search accounts by id or holder, payments by reference, transfer id, amount or description").FillAsync("REF-FIND-1");
            // Room to read a result: the list is wider than the box (it once was the box's width), and a payment's account,
            // version, day and description run across the whole row instead of a 150 px column.
            var hit = page.GetByLabel("Deposit REF-FIND-1 of E2E-FIND");
            await Expect(hit).ToBeVisibleAsync();
            var results = await page.Locator(".ledger-search-results").BoundingBoxAsync();
            var details = await hit.Locator(".ledger-search-details").BoundingBoxAsync();
            Assert.True(results is { Width: >= 600 }, $"results {results?.Width} px wide");
            Assert.True(details is { Width: >= 400 }, $"details {details?.Width} px wide");
            await hit.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/accounts/E2E-FIND\\?version=2$"));
            await Expect(Value(page, "Version then")).ToHaveTextAsync("2");
            await Expect(Row(History(page), "selected moment")).ToContainTextAsync("REF-FIND-1");
            await SavePageAsync(app, page, "search");
        });
    }
}
