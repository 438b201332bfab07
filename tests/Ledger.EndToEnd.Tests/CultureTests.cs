using System.Globalization;

namespace Ledger.EndToEnd.Tests;

/// <summary>
/// A browser that says de-DE, in Berlin, sees German numbers and dates in its own time zone, and types amounts and
/// dates the German way.
/// </summary>
public sealed class CultureTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task GermanBrowser_ReadsAndTypesAmountsAndDates_TheGermanWay()
    {
        var german = CultureInfo.GetCultureInfo("de-DE");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin).Date;
        await JourneyAsync(
            async (app, page) =>
            {
                await StartOnNewAccountAsync(page, "DE-1", "Dora Deutsch", 1000m);
                await Expect(Value(page, "Balance")).ToHaveTextAsync("1.000,00 EUR");

                // Typed as a German writes it: comma for the decimals.
                var dialog = await OpenDialogAsync(Button(page, "Deposit").First, Dialog(page, "Deposit"));
                await dialog.GetByLabel("Amount").FillAsync("234,56");
                await dialog.GetByLabel("Reference").FillAsync("DE-REF");
                await Button(dialog, "Deposit").ClickAsync();
                await Expect(dialog).ToBeHiddenAsync();

                await Expect(Value(page, "Balance")).ToHaveTextAsync("1.234,56 EUR");
                await Expect(Total(page, "EUR")).ToHaveTextAsync("1.234,56");
                await Expect(Row(History(page), "DE-REF")).ToContainTextAsync("+234,56");
                var today = day.ToString("d", german);
                await Expect(Row(History(page), "DE-REF")).ToContainTextAsync(today);
                await Expect(page.GetByText("opened " + today)).ToBeVisibleAsync();

                // Dates typed as a German writes them, read in the browser's zone: the event log from tomorrow has
                // nothing, from today the deposit; the As of page at the end of yesterday has no account yet.
                await GotoAsync(page, "/events");
                var from = page.GetByLabel("From", new() { Exact = true });
                await from.FillAsync(day.AddDays(1).ToString("d", german));
                await from.PressAsync("Tab");
                await Expect(page.GetByText("No events match these filters.")).ToBeVisibleAsync();
                await from.FillAsync(today);
                await from.PressAsync("Tab");
                await Expect(Row(page.GetByRole(AriaRole.Main), "DE-REF")).ToContainTextAsync(today);

                await GotoAsync(page, "/as-of");
                var asOf = page.GetByLabel("As of date", new() { Exact = true });
                await asOf.FillAsync(day.AddDays(-1).ToString("d", german));
                await asOf.PressAsync("Tab");
                await Button(page, "Show balances").ClickAsync();
                await Expect(Value(page, "Accounts then")).ToHaveTextAsync("0");
                await Expect(asOf).ToHaveValueAsync(day.AddDays(-1).ToString("d", german));
                await asOf.FillAsync(today);
                await asOf.PressAsync("Tab");
                await Button(page, "Show balances").ClickAsync();
                await Expect(Value(page, "Accounts then")).ToHaveTextAsync("1");

                // The API is for programs: the same balance, culture-invariant, whatever the browser's language.
                var api = await page.APIRequest.GetAsync("/api/accounts/DE-1");
                Assert.Contains("\"balance\":1234.56", (await api.TextAsync()).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            },
            context: options =>
            {
                options.Locale = "de-DE";
                options.TimezoneId = "Europe/Berlin";
            });
    }
}
