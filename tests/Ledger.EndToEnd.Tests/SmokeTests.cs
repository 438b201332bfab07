namespace Ledger.EndToEnd.Tests;

public sealed class SmokeTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task HomePage_Loads_InARealBrowser()
    {
        await JourneyAsync(async (app, page) =>
        {
            await page.GotoAsync("/");
            await page.GetByText("Ledger").First.WaitForAsync();
            Assert.Empty(DialogsSeen);
        });
    }
}
