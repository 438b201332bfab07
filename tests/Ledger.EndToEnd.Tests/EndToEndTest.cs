using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ledger.EndToEnd.Tests;

/// <summary>
/// Each journey gets its own app and database and its own browser context. A failing journey leaves a
/// screenshot and the page's HTML in e2e-artifacts/ under the test output folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class EndToEndTest(BrowserFixture browser, ITestOutputHelper output)
{
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    protected BrowserFixture Browser => browser;

    protected List<string> DialogsSeen { get; } = [];

    protected async Task JourneyAsync(Func<LedgerApp, IPage, Task> journey, [CallerMemberName] string name = "")
    {
        Skip.If(browser.Browser is null, BrowserFixture.HowToEnable);
        await using var app = await LedgerApp.StartAsync();
        await using var context = await NewContextAsync(app);
        var page = await context.NewPageAsync();
        try
        {
            await journey(app, page);
        }
        catch
        {
            await SaveAsync(page, name, "failure");
            output.WriteLine(app.Output);
            throw;
        }
    }

    protected async Task<IBrowserContext> NewContextAsync(LedgerApp app)
    {
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(15_000);
        context.Page += (_, page) => page.Dialog += async (_, dialog) =>
        {
            DialogsSeen.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return context;
    }

    /// <summary>Saves a full-page screenshot and the page's HTML; returns the screenshot's path.</summary>
    protected static async Task<string> SaveAsync(IPage page, string test, string label)
    {
        var directory = Path.Combine(ArtifactsDirectory, test);
        Directory.CreateDirectory(directory);
        var screenshot = Path.Combine(directory, label + ".png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(directory, label + ".html"), await page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // The page may be gone (the failure itself may be a crashed tab); keep the original error.
        }

        return screenshot;
    }

    /// <summary>Waits for Blazor's interactive circuit, so clicks reach .NET rather than prerendered HTML.</summary>
    protected static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-ledger-ready]') !== null");
    }
}
