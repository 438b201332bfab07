namespace Ledger.EndToEnd.Tests;

/// <summary>
/// The Content-Security-Policy is strict (no inline scripts but Blazor's own import map, by nonce): in a real
/// browser every page still works over the circuit's WebSocket with no violation reported, and no other site can
/// frame the app.
/// </summary>
public sealed class SecurityPolicyTests(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task EveryPage_RunsUnderThePolicy_WithoutAViolation_OverAWebSocket()
    {
        await JourneyAsync(async (app, page) =>
        {
            var console = new List<string>();
            var sockets = new List<string>();
            page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
            page.PageError += (_, error) => console.Add("pageerror: " + error);
            page.WebSocket += (_, socket) => sockets.Add(socket.Url);

            await GotoAsync(page, "/");
            await OpenAccountAsync(page, "E2E-CSP", "Cora Policy", 10m);
            await MoveMoneyAsync(page, "Deposit", 5m, "CSP-1");
            await Expect(Value(page, "Version")).ToHaveTextAsync("2");
            foreach (var path in new[] { "/events", "/as-of", "/diagnostics", "/accounts" })
            {
                await GotoAsync(page, path);
                if (path == "/as-of")
                {
                    await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "E2E-CSP" })).ToBeVisibleAsync();
                    await SaveAsync(page, "pages", "as-of");
                }
            }

            var violations = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.StartsWith("pageerror", StringComparison.Ordinal)).ToList();
            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
            Assert.Contains(sockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        });
    }

    [SkippableFact]
    public async Task AnotherSite_CannotFrameTheApp()
    {
        await JourneyAsync(async (app, page) =>
        {
            var console = new List<string>();
            page.Console += (_, message) =>
            {
                lock (console)
                {
                    console.Add(message.Text);
                }
            };

            await page.SetContentAsync($"<iframe id='victim' src='{app.BaseUrl}'></iframe>");
            var frame = await (await page.QuerySelectorAsync("#victim"))!.ContentFrameAsync();
            Assert.NotNull(frame);
            await frame.WaitForLoadStateAsync(LoadState.Load);

            // Chromium refuses the frame, says so on the console, and shows its own error page instead of Ledger's.
            Assert.DoesNotContain("ledger-", await frame.ContentAsync(), StringComparison.Ordinal);
            lock (console)
            {
                Assert.True(console.Any(m => m.Contains("frame-ancestors 'none'", StringComparison.Ordinal)), frame.Url + " | " + string.Join(" | ", console));
            }
        });
    }
}
