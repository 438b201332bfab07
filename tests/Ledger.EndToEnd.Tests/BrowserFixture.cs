namespace Ledger.EndToEnd.Tests;

/// <summary>
/// One headless Chromium for the whole suite. It is Debian's Chromium (or any Chrome found), because
/// Playwright's own browser download cannot work here. Without a browser the tests say they were not
/// run and how to enable them, except in CI (CI=true), where a missing browser is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string HowToEnable =
        "No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium) or point LEDGER_CHROMIUM at a Chrome/Chromium binary.";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string? Executable { get; private set; }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        // An expectation waits as long as an action does (the context's 15 s): on a busy two-core machine a
        // command's dialog can take more than Playwright's default 5 s to close, which says nothing about the app.
        Assertions.SetDefaultExpectTimeout(15_000);
        Executable = FindChromium();
        if (Executable is null)
        {
            if (InCi)
            {
                throw new InvalidOperationException("CI=true but " + HowToEnable);
            }

            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string? FindChromium()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("LEDGER_CHROMIUM"),
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            @"C:\Program Files\Google\Chrome\Application\chrome.exe",
        };
        var playwrightBrowsers = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ms-playwright");
        if (Directory.Exists(playwrightBrowsers))
        {
            candidates.AddRange(Directory.EnumerateDirectories(playwrightBrowsers, "chromium-*")
                .SelectMany(d => new[] { Path.Combine(d, "chrome-linux", "chrome"), Path.Combine(d, "chrome-linux64", "chrome") }));
        }

        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
