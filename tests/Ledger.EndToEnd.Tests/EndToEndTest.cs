using System.Runtime.CompilerServices;

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

    /// <param name="journey">What the person does, against the app and a page of its own.</param>
    /// <param name="database">The database to run the app on (a new PostgreSQL one, say); a new SQLite file when null.</param>
    /// <param name="arguments">Extra switches for the app (<c>--seed-demo</c>, say).</param>
    /// <param name="context">How the browser context differs from the default one (its locale, say).</param>
    /// <param name="name">The test's name, for its failure artifacts.</param>
    protected async Task JourneyAsync(
        Func<LedgerApp, IPage, Task> journey,
        Func<Task<TestDatabase>>? database = null,
        string[]? arguments = null,
        Action<BrowserNewContextOptions>? context = null,
        [CallerMemberName] string name = "")
    {
        Skip.If(browser.Browser is null, BrowserFixture.HowToEnable);
        await using var app = await LedgerApp.StartAsync(database is null ? TestDatabase.NewSqlite("ledger-e2e") : await database(), arguments ?? []);
        await using var browserContext = await NewContextAsync(app, context);
        var page = await browserContext.NewPageAsync();
        // What the page said (Blazor reports a lost circuit or a failed event there), kept for a failure's artifacts.
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message.Type}: {message.Text}");
        try
        {
            await journey(app, page);
        }
        catch
        {
            await SaveAsync(page, name, "failure");
            // Beside the screenshot, so a failure seen once (a flake) can still be read after the run.
            await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, name, "failure-app.log"), app.Output);
            await File.WriteAllLinesAsync(Path.Combine(ArtifactsDirectory, name, "failure-console.log"), console);
            output.WriteLine(app.Output);
            throw;
        }
    }

    protected async Task<IBrowserContext> NewContextAsync(LedgerApp app, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            // Everything culture-dependent is English unless a test asks otherwise.
            Locale = "en-US",
        };
        configure?.Invoke(options);
        var context = await browser.Browser!.NewContextAsync(options);
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

    /// <summary>
    /// A screenshot for the README (e2e-artifacts/pages), taken on SQLite only: the same journey on
    /// PostgreSQL, whose status bar names a server, must not replace it.
    /// </summary>
    protected static Task SavePageAsync(LedgerApp app, IPage page, string label) =>
        app.Database is SqliteTestDatabase ? SaveAsync(page, "pages", label) : Task.CompletedTask;

    /// <summary>Opens a page and waits for the live Blazor circuit, so clicks reach .NET rather than prerendered HTML.</summary>
    protected static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.ledgerInteractive === 'true'");
    }

    /// <summary>
    /// Clicks <paramref name="button"/> and returns <paramref name="dialog"/> once it is on screen. On a loaded CI
    /// machine a click on a dialog's button has, once in many runs, opened nothing: the dialog was still missing
    /// 15 s later (CI of 1a100de: Deposit right after opening an account; not reproduced in 27 runs here, 12 of them
    /// beside CPU burners or the reliability suite).
    /// A person clicks again, and so does this, once, after 5 s; each such second click is written to
    /// e2e-artifacts/second-clicks.log so a pattern can be seen across runs rather than hidden.
    /// </summary>
    protected static async Task<ILocator> OpenDialogAsync(ILocator button, ILocator dialog, [CallerMemberName] string caller = "")
    {
        await button.ClickAsync();
        if (await ShowsWithinAsync(dialog, 5_000))
        {
            return dialog;
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        await File.AppendAllTextAsync(
            Path.Combine(ArtifactsDirectory, "second-clicks.log"),
            $"{DateTimeOffset.UtcNow:O} {caller}: no dialog 5 s after clicking {button}; clicked again{Environment.NewLine}");
        try
        {
            // Short: if the first click's dialog arrives meanwhile, its overlay takes this click, which is then moot.
            await button.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }

        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    private static async Task<bool> ShowsWithinAsync(ILocator locator, float milliseconds)
    {
        try
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = milliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The value shown for a visible label (label for=output), as a person reads it.</summary>
    protected static ILocator Value(IPage page, string label) => page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    protected static ILocator Dialog(IPage page, string name) => page.GetByRole(AriaRole.Dialog, new PageGetByRoleOptions { Name = name });

    protected static ILocator Button(ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true });

    protected static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>The total of one currency among the totals above the account list.</summary>
    protected static ILocator Total(IPage page, string currency) =>
        page.GetByRole(AriaRole.List, new PageGetByRoleOptions { Name = "Totals per currency" }).GetByLabel("Total " + currency);

    /// <summary>The history grid of the account on screen.</summary>
    protected static ILocator History(IPage page) => page.GetByLabel("History", new PageGetByLabelOptions { Exact = true });

    /// <summary>The rows of a grid or list that contain <paramref name="text"/>.</summary>
    protected static ILocator Row(ILocator scope, string text) => scope.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = text });

    /// <summary>
    /// From the start page, opens an account through its dialog, then loads the account's own page and makes
    /// its <paramref name="history"/> there, each move through its dialog, waiting until the page shows the
    /// version the move made (as a person waits for one before the next).
    /// </summary>
    protected static async Task StartOnNewAccountAsync(IPage page, string id, string holder, decimal initialDeposit, params Move[] history)
    {
        await GotoAsync(page, "/");
        await OpenAccountAsync(page, id, holder, initialDeposit);
        await GotoAsync(page, "/accounts/" + id);
        for (var i = 0; i < history.Length; i++)
        {
            var (action, amount, reference, description) = history[i];
            await MoveMoneyAsync(page, action, amount, reference, description);
            await Expect(Value(page, "Version")).ToHaveTextAsync((i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A deposit or a withdrawal made through its dialog (see <see cref="MoveMoneyAsync"/>).</summary>
    protected sealed record Move(string Action, decimal Amount, string Reference, string? Description = null);

    /// <summary>Opens an account through the Open account dialog, as a person would.</summary>
    protected static async Task OpenAccountAsync(IPage page, string id, string holder, decimal initialDeposit, string currency = "EUR")
    {
        var dialog = await OpenDialogAsync(Button(page, "Open account").First, Dialog(page, "Open account"));
        await dialog.GetByLabel("Account id").FillAsync(id);
        await dialog.GetByLabel("Holder id").FillAsync("H-" + id);
        await dialog.GetByLabel("Holder name").FillAsync(holder);
        if (currency != "EUR")
        {
            await dialog.GetByLabel("Currency").FillAsync(currency);
            await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = currency, Exact = true }).ClickAsync();
        }

        await dialog.GetByLabel("Initial deposit").FillAsync(initialDeposit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Button(dialog, "Open account").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The page goes on after the dialog closes (the first account replaces the empty-ledger panel,
        // then the new account is selected); a click in that moment can land on a button that is being
        // removed. Wait for where the app ends up, as a person would look before clicking again.
        // ToHaveURL polls the address; WaitForURL waits for a navigation event, and one that came between its
        // first look and its listening was missed (a search result's navigation timed out so on CI).
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/accounts/" + System.Text.RegularExpressions.Regex.Escape(id) + "$"));
        // And for the account itself on screen: until then the empty-ledger panel (with an "Open account"
        // button of its own) may still be leaving, and a click aimed at it lands on whatever replaces it.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = holder, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Close account through its dialog with <paramref name="reason"/>; returns the dialog so a refusal can be read from it.</summary>
    protected static async Task<ILocator> CloseAccountAsync(IPage page, string reason)
    {
        var dialog = await OpenDialogAsync(Button(page, "Close account").First, Dialog(page, "Close account"));
        await dialog.GetByLabel("Reason").FillAsync(reason);
        await Button(dialog, "Close account").ClickAsync();
        return dialog;
    }

    /// <summary>Deposit or Withdraw through its dialog; returns the dialog so a refusal can be read from it.</summary>
    protected static async Task<ILocator> MoveMoneyAsync(IPage page, string action, decimal amount, string reference, string? description = null)
    {
        var dialog = await OpenDialogAsync(Button(page, action).First, Dialog(page, action));
        await dialog.GetByLabel("Amount").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByLabel("Reference").FillAsync(reference);
        if (description is not null)
        {
            await dialog.GetByLabel("Description").FillAsync(description);
        }

        await Button(dialog, action).ClickAsync();
        return dialog;
    }
}
