namespace Ledger.EndToEnd.Tests;

/// <summary>Every shortcut in a real browser, the "?" overlay that lists them, and the remembered theme.</summary>
public sealed class KeyboardAndThemeTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task EveryShortcut_DoesWhatTheOverlaySays()
    {
        await JourneyAsync(async (app, page) =>
        {
            await GotoAsync(page, "/accounts");
            await OpenAccountAsync(page, "KEY-1", "Kay Board", 10m);
            await MoveMoneyAsync(page, "Deposit", 1m, "K-2");
            await Expect(Value(page, "Version")).ToHaveTextAsync("2");
            await MoveMoneyAsync(page, "Deposit", 1m, "K-3");
            await Expect(Value(page, "Version")).ToHaveTextAsync("3");
            await page.Locator("main h1").First.ClickAsync();

            // ? lists every shortcut; Esc closes the list.
            await page.Keyboard.PressAsync("?");
            var overlay = Dialog(page, "Keyboard shortcuts");
            foreach (var key in new[] { "?", "/", "N", "D", "W", "T", "P", "←", "→", "Home", "End", "Esc", "Enter" })
            {
                await Expect(overlay.Locator("kbd", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(key) + "$") })).ToHaveCountAsync(1);
            }

            await SaveAsync(page, "pages", "shortcuts");
            await page.Keyboard.PressAsync("Escape");
            await Expect(overlay).ToBeHiddenAsync();

            // / puts the cursor in the search box, whatever has focus; Esc leaves it.
            await page.Keyboard.PressAsync("/");
            var search = page.Locator(".ledger-search input");
            await Expect(search).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(search).Not.ToBeFocusedAsync();

            foreach (var (key, title) in new[] { ("n", "Open account"), ("d", "Deposit"), ("w", "Withdraw"), ("t", "Transfer") })
            {
                await page.Keyboard.PressAsync(key);
                var dialog = Dialog(page, title);
                await Expect(dialog).ToBeVisibleAsync();
                // As a person would: Esc once the dialog has the focus (it listens for keys from then on).
                await page.WaitForFunctionAsync("() => document.activeElement?.closest('[role=dialog]') != null");
                await page.Keyboard.PressAsync("Escape");
                await Expect(dialog).ToBeHiddenAsync();
            }

            // Time travel: Home, arrows, End, and P plays from the first event through to the newest.
            // The chart marks the moment selected, and each point names its event.
            var marker = page.Locator(".ledger-chart-marker");
            await Expect(marker).ToHaveAttributeAsync("data-version", "3");
            await page.Keyboard.PressAsync("Home");
            await Expect(Value(page, "Version then")).ToHaveTextAsync("1");
            await Expect(marker).ToHaveAttributeAsync("data-version", "1");
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(Value(page, "Version then")).ToHaveTextAsync("2");
            await Expect(marker).ToHaveAttributeAsync("data-version", "2");
            var point = page.Locator(".ledger-chart-point[data-version='2']");
            await point.HoverAsync();
            await Expect(point.Locator("title")).ToContainTextAsync("Version 2");
            await Expect(point.Locator("title")).ToContainTextAsync("Deposit +1.00");
            await Expect(point.Locator("title")).ToContainTextAsync("balance 11.00 EUR");
            await SaveAsync(page, "pages", "time-travel-marker");
            await page.Keyboard.PressAsync("ArrowLeft");
            await Expect(Value(page, "Version then")).ToHaveTextAsync("1");
            await page.Keyboard.PressAsync("End");
            await Expect(Value(page, "Time travel position")).ToContainTextAsync("Live");

            // Play starts from the first event and stops on the newest.
            await RecordPositionsAsync(page);
            await page.Keyboard.PressAsync("p");
            await Expect(Button(page, "Play")).ToBeVisibleAsync();
            await Expect(Value(page, "Time travel position")).ToHaveTextAsync("Version 3 of 3");
            Assert.Equal(["Version 1 of 3", "Version 2 of 3", "Version 3 of 3"], await PositionsAsync(page));
        });
    }

    [SkippableFact]
    public async Task PlayButton_StepsThroughTheHistory_AndStopsOnTheNewestEvent()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(
                page, "PLAY-1", "Pia Play", 10m,
                new Move("Deposit", 5m, "P-2"),
                new Move("Withdraw", 3m, "P-3"));

            await RecordPositionsAsync(page);
            await Button(page, "Play").ClickAsync();
            await Expect(Button(page, "Pause")).ToBeVisibleAsync();
            await Expect(Value(page, "Time travel position")).ToHaveTextAsync("Version 3 of 3");
            await Expect(Button(page, "Play")).ToBeVisibleAsync();
            await Expect(Value(page, "Balance then")).ToHaveTextAsync("12.00 EUR");
            Assert.Equal(["Version 1 of 3", "Version 2 of 3", "Version 3 of 3"], await PositionsAsync(page));
            await Expect(Button(page, "Play")).ToBeVisibleAsync();
        });
    }

    [SkippableFact]
    public async Task Theme_FollowsTheSystem_UntilChosen_ThenRemembersTheChoice()
    {
        await JourneyAsync(async (app, page) =>
        {
            var html = page.Locator("html");
            var toggle = Button(page, "Dark theme");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await StartOnNewAccountAsync(page, "DARK-1", "Dana Dark", 120m, new Move("Withdraw", 20m, "NIGHT-1"));
            await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
            await SaveAsync(page, "pages", "theme-dark");

            // The system changes its mind while the page is open: the page follows.
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await Expect(html).ToHaveAttributeAsync("data-theme", "light");
            await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

            // The person chooses dark: it stays dark against a light system, after a reload too.
            await toggle.ClickAsync();
            await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
            await GotoAsync(page, "/accounts");
            await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");

            // And back to light, against a dark system (once the page shows the choice: the click reaches the
            // browser's storage through the server, so a reload before that would still find "dark").
            await toggle.ClickAsync();
            await Expect(html).ToHaveAttributeAsync("data-theme", "light");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await GotoAsync(page, "/accounts");
            await Expect(html).ToHaveAttributeAsync("data-theme", "light");
            await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        });
    }

    [SkippableFact]
    public async Task AChosenTheme_IsInTheServersFirstHtml_AndTheSignInPageHonoursIt()
    {
        await JourneyAsync(async (app, page) =>
        {
            var html = page.Locator("html");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await GotoAsync(page, "/accounts");
            await Button(page, "Dark theme").ClickAsync();
            await Expect(html).ToHaveAttributeAsync("data-theme", "dark");

            // The next page arrives dark from the server (MudBlazor's palette in the first HTML), so it never
            // paints light first; the request shares the browser's cookies.
            var first = await (await page.APIRequest.GetAsync("/accounts")).TextAsync();
            Assert.Matches(new System.Text.RegularExpressions.Regex("--mud-palette-background:\\s*(#0d1117|rgba\\(13,\\s*17,\\s*23)", System.Text.RegularExpressions.RegexOptions.IgnoreCase), first);

            // The sign-in page has no circuit, yet follows the stored choice against a light system.
            await page.GotoAsync("/login");
            await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(page.Locator(".ledger-plain")).ToHaveCSSAsync("background-color", "rgb(13, 17, 23)");
        });
    }

    /// <summary>
    /// Records every text the time-travel position shows from now on: play moves every few hundred
    /// milliseconds, faster than polling can be sure to see each step.
    /// </summary>
    private static Task RecordPositionsAsync(IPage page) => page.EvaluateAsync("""
        () => {
            const label = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === 'Time travel position');
            const output = document.getElementById(label.htmlFor);
            window.ledgerPositions = [];
            const record = () => {
                const text = output.textContent.trim();
                if (window.ledgerPositions[window.ledgerPositions.length - 1] !== text && !text.startsWith('Live')) {
                    window.ledgerPositions.push(text);
                }
            };
            new MutationObserver(record).observe(output, { childList: true, characterData: true, subtree: true });
        }
        """);

    /// <summary>Enter in a one-line field sends the dialog, as in a desktop form; a typo is still named and sends nothing.</summary>
    [SkippableFact]
    public async Task Enter_InADialogsField_SendsIt()
    {
        await JourneyAsync(async (app, page) =>
        {
            await StartOnNewAccountAsync(page, "ENTER-1", "Enid Enter", 10m);

            var dialog = await OpenDialogAsync(Button(page, "Deposit").First, Dialog(page, "Deposit"));
            await dialog.GetByLabel("Amount").FillAsync("1e5");
            await dialog.GetByLabel("Reference").FillAsync("E-1");
            await dialog.GetByLabel("Reference").PressAsync("Enter");
            await Expect(dialog.GetByText("Not an amount: write it like 1,234.56 or 1234.56.")).ToBeVisibleAsync();

            await dialog.GetByLabel("Amount").FillAsync("2.5");
            await dialog.GetByLabel("Amount").PressAsync("Enter");
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(Value(page, "Balance")).ToHaveTextAsync("12.50 EUR");
            await Expect(Value(page, "Version")).ToHaveTextAsync("2");
        });
    }

    private static Task<string[]> PositionsAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.ledgerPositions");
}
