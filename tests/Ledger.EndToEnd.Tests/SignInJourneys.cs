namespace Ledger.EndToEnd.Tests;

/// <summary>
/// Sign-in on (<c>Ledger:Auth=on</c>), as a team uses it: an admin opens an account, a clerk signs in, moves
/// money, and finds what only an admin may do unavailable, with the reason where a person looks for it.
/// </summary>
public sealed class SignInJourneys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public async Task AClerk_SignsIn_DepositsButCannotCloseOrOpen_AndTheHistorySaysWhoDidWhat()
    {
        await JourneyAsync(
            async (app, page) =>
            {
                // The sign-in page is plain HTML (a sign-in sets a cookie, which needs an HTTP response): no circuit to wait for.
                await page.GotoAsync("/");
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
                await SignInAsync(page, "ada");
                await OpenAccountAsync(page, "E2E-TEAM", "Tess Team", 50m);
                await Button(page, "Sign out").ClickAsync();
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

                await SignInAsync(page, "carl");
                await GotoAsync(page, "/accounts/E2E-TEAM");
                await MoveMoneyAsync(page, "Deposit", 5m, "CARL-1");
                await Expect(Value(page, "Balance")).ToHaveTextAsync("55.00 EUR");
                await Expect(Button(page, "Close account").First).ToBeDisabledAsync();
                await Expect(Button(page, "Open account").First).ToBeDisabledAsync();
                await Expect(Button(page, "Deposit").First).ToBeEnabledAsync();
                await SavePageAsync(app, page, "signed-in-clerk");

                // Who did what: the event log names each event's actor, and finds one person's events.
                await GotoAsync(page, "/events");
                var log = page.GetByLabel("Event log", new() { Exact = true });
                await Expect(Row(log, "CARL-1")).ToContainTextAsync("carl");
                await Expect(Row(log, "Tess Team")).ToContainTextAsync("ada");
                await page.GetByLabel("Actor", new() { Exact = true }).FillAsync("carl");
                await Expect(Row(log, "Tess Team")).ToHaveCountAsync(0);
                await Expect(Row(log, "CARL-1")).ToBeVisibleAsync();
            },
            async () =>
            {
                var database = TestDatabase.NewSqlite("ledger-e2e-signin");
                await AddUserAsync(database, "ada", "admin");
                await AddUserAsync(database, "carl", "clerk");
                return database;
            },
            ["--auth", "on"]);
    }

    private static string PasswordOf(string user) => $"{user}'s long e2e passphrase";

    private static async Task AddUserAsync(TestDatabase database, string name, string role)
    {
        var result = await LedgerCliProcess.RunWithInputAsync(PasswordOf(name) + "\n", ["users", "add", name, "--role", role, .. database.CommandLine]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(PasswordOf(user));
        await Button(page, "Sign in").ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.ledgerInteractive === 'true'");
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(user);
    }
}
