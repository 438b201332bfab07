using System.Globalization;

namespace Ledger.EndToEnd.Tests;

/// <summary>A browser that says de-DE sees German numbers and dates, and can type amounts the German way.</summary>
public sealed class CultureTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task GermanBrowser_ReadsAndTypesAmountsAndDates_TheGermanWay()
    {
        var german = CultureInfo.GetCultureInfo("de-DE");
        await JourneyAsync(
            async (app, page) =>
            {
                await StartOnNewAccountAsync(page, "DE-1", "Dora Deutsch", 1000m);
                await Expect(Value(page, "Balance")).ToHaveTextAsync("1.000,00 EUR");

                // Typed as a German writes it: comma for the decimals.
                await Button(page, "Deposit").First.ClickAsync();
                var dialog = Dialog(page, "Deposit");
                await dialog.GetByLabel("Amount").FillAsync("234,56");
                await dialog.GetByLabel("Reference").FillAsync("DE-REF");
                await Button(dialog, "Deposit").ClickAsync();
                await Expect(dialog).ToBeHiddenAsync();

                await Expect(Value(page, "Balance")).ToHaveTextAsync("1.234,56 EUR");
                await Expect(Totals(page).GetByLabel("Total EUR")).ToHaveTextAsync("1.234,56");
                await Expect(Row(History(page), "DE-REF")).ToContainTextAsync("+234,56");
                var today = DateTime.Now.ToString("d", german);
                await Expect(Row(History(page), "DE-REF")).ToContainTextAsync(today);
                await Expect(page.GetByText("opened " + today)).ToBeVisibleAsync();

                // The API is for programs: the same balance, culture-invariant, whatever the browser's language.
                var api = await page.APIRequest.GetAsync("/api/accounts/DE-1");
                Assert.Contains("\"balance\":1234.56", (await api.TextAsync()).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            },
            context: options => options.Locale = "de-DE");
    }
}
