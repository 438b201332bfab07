using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Everything the app logs, at the most detailed level, while people sign in (rightly, wrongly, locked out) and
/// programs use tokens: no password and no token appears in any message, argument or exception.
/// </summary>
public sealed class PasswordLoggingTests
{
    [Fact]
    public async Task NoPasswordOrToken_IsEverLogged_AtAnyLevel()
    {
        var logs = new CapturingLogs();
        var app = new SignInApp(
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        await app.InitializeAsync();
        try
        {
            await app.AddUserAsync("paula", LedgerRoles.Clerk);
            Assert.NotNull((await app.SignInAsync("paula", SignInApp.PasswordOf("paula"))).Cookie);
            Assert.Null((await app.SignInAsync("paula", "a wrong but long password")).Cookie);
            Assert.Null((await app.SignInAsync("paula's password typed as a name", "another wrong password")).Cookie);
            for (var i = 0; i < 6; i++)
            {
                await app.SignInAsync(SignInApp.Viewer, $"guessing attempt {i} here");
            }

            foreach (var who in app.Tokens.Keys)
            {
                using var response = await app.SendAsync(who, HttpMethod.Get, "/api/status");
            }
        }
        finally
        {
            // Before reading the logs, so everything the app wrote while stopping is in them too.
            await app.DisposeAsync();
        }

        var written = logs.All();

        // The control: the capture saw the sign-ins, at debug level and below too.
        Assert.Contains(written, line => line.Contains("paula signed in", StringComparison.Ordinal));
        Assert.Contains(written, line => line.Contains("locked out", StringComparison.Ordinal));
        Assert.Contains(written, line => line.StartsWith("Trace", StringComparison.Ordinal) || line.StartsWith("Debug", StringComparison.Ordinal));

        var secrets = new[] { "paula", SignInApp.Viewer, SignInApp.Clerk, SignInApp.Admin }.Select(SignInApp.PasswordOf)
            .Concat(["a wrong but long password", "another wrong password", "paula's password typed as a name", "guessing attempt"])
            .Concat(app.Tokens.Values)
            .ToArray();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(written, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
