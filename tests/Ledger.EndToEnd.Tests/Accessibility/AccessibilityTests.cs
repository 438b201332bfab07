using System.Runtime.CompilerServices;

namespace Ledger.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every main page and every dialog, in the light and the dark theme (the operating system's preference,
/// which the app follows until a person chooses), passes axe; closing a dialog gives focus back to what
/// opened it.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    private const string Account = "ACC-ALICE-CHK";

    private static readonly string[] MainPages = ["/accounts", "/accounts/" + Account, "/as-of", "/events", "/diagnostics"];

    private static readonly ColorScheme[] Themes = [ColorScheme.Light, ColorScheme.Dark];

    [SkippableFact]
    public Task EveryMainPage_HasNoSeriousViolations_InBothThemes() =>
        InBothThemesAsync(
            ["--seed-demo"],
            async (page, scheme, failures) =>
            {
                foreach (var path in MainPages)
                {
                    await GotoAsync(page, path);
                    await ExpectThemeAsync(page, scheme);
                    await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
                    // Grids and charts fill in after the circuit starts; check what a person finally sees.
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await Expect(page.Locator(".mud-table-loading, .mud-progress-linear")).ToHaveCountAsync(0);
                    await CollectAsync(failures, page, $"{path} ({scheme})");
                }
            });

    [SkippableFact]
    public Task EveryDialog_HasNoSeriousViolations_InBothThemes_AndClosingGivesFocusBack() =>
        InBothThemesAsync(
            ["--seed-demo"],
            async (page, scheme, failures) =>
            {
                await GotoAsync(page, "/accounts/" + Account);
                await ExpectThemeAsync(page, scheme);
                foreach (var (opener, title) in new[]
                {
                    ("Open account", "Open account"), ("Deposit", "Deposit"), ("Withdraw", "Withdraw"),
                    ("Transfer", "Transfer"), ("Close account", "Close account"), ("Keyboard shortcuts", "Keyboard shortcuts"),
                })
                {
                    await CheckDialogAsync(page, Button(page, opener).First, title, scheme, failures);
                }

                await GotoAsync(page, "/diagnostics");
                await CheckDialogAsync(page, Button(page, "Rebuild projections"), "Rebuild projections?", scheme, failures);
            });

    [SkippableFact]
    public Task SignInPage_HasNoSeriousViolations_InBothThemes() =>
        InBothThemesAsync(
            ["--auth", "on"],
            async (page, scheme, failures) =>
            {
                await page.GotoAsync("/login");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Ledger" })).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
                await CollectAsync(failures, page, $"/login ({scheme})");
            });

    /// <summary>
    /// Runs <paramref name="check"/> on an app started with <paramref name="arguments"/> once per theme, with the
    /// operating system's preference emulated, collecting what axe finds; fails at the end with all of it.
    /// </summary>
    private Task InBothThemesAsync(string[] arguments, Func<IPage, ColorScheme, List<string>, Task> check, [CallerMemberName] string name = "") =>
        JourneyAsync(
            async (app, page) =>
            {
                var failures = new List<string>();
                foreach (var scheme in Themes)
                {
                    await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                    await check(page, scheme, failures);
                }

                Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            },
            arguments: arguments,
            name: name);

    /// <summary>Opens a dialog with the mouse, checks it with axe, closes it with Esc and expects focus back on the opener.</summary>
    private static async Task CheckDialogAsync(IPage page, ILocator opener, string title, ColorScheme scheme, List<string> failures)
    {
        await opener.FocusAsync();
        await opener.ClickAsync();
        var dialog = Dialog(page, title);
        await Expect(dialog).ToBeVisibleAsync();
        // MudBlazor animates dialogs in; axe must see the final colours, not a half-transparent frame.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await CollectAsync(failures, page, $"the {title} dialog ({scheme})");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(opener).ToBeFocusedAsync();
    }

    private static async Task ExpectThemeAsync(IPage page, ColorScheme scheme) =>
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", scheme == ColorScheme.Dark ? "dark" : "light");

    private static async Task CollectAsync(List<string> failures, IPage page, string where)
    {
        try
        {
            await Axe.AssertAccessibleAsync(page, where);
        }
        catch (Xunit.Sdk.TrueException e)
        {
            failures.Add(e.Message);
        }
    }
}
