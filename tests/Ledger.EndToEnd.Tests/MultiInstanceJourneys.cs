using System.Net;
using System.Net.Http.Json;

namespace Ledger.EndToEnd.Tests;

/// <summary>
/// Issue 14 in a browser: two instances on one PostgreSQL database. A page open on instance A follows,
/// without a reload, what is done through instance B: B's commit wakes A through LISTEN/NOTIFY and A's
/// screens refresh as they do for A's own commits. Without a server it reports skipped; on CI it fails.
/// </summary>
public sealed class MultiInstanceJourneys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task OnTwoInstances_ADepositThroughOne_AppearsWithoutAReloadOnAPageOfTheOther()
    {
        Skip.If(Browser.Browser is null, BrowserFixture.HowToEnable);
        await using var a = await LedgerApp.StartAsync(await PostgresTestDatabase.CreateAsync("ledger-e2e-multi"));
        await using var b = await LedgerApp.StartAnotherAsync(a);
        using var throughB = new HttpClient { BaseAddress = b.BaseUrl };
        using (var opened = await throughB.PostAsJsonAsync("/api/accounts", new { accountId = "E2E-MULTI", holderId = "h", holderName = "Mia Multi", currency = "EUR", initialDeposit = 5 }))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        await using var context = await NewContextAsync(a);
        var page = await context.NewPageAsync();
        await GotoAsync(page, "/accounts/E2E-MULTI");
        await Expect(Value(page, "Balance")).ToHaveTextAsync("5.00 EUR");

        using (var deposited = await throughB.PostAsJsonAsync("/api/accounts/E2E-MULTI/deposits", new { amount = 7.25m, transactionReference = "THROUGH-B" }))
        {
            Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
        }

        // No reload, no navigation: the page on A changes by itself.
        await Expect(Value(page, "Balance")).ToHaveTextAsync("12.25 EUR", new() { Timeout = 5_000 });
        await Expect(Row(History(page), "THROUGH-B")).ToBeVisibleAsync();
    }
}
