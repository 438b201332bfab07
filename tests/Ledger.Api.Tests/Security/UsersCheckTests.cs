using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Security;

/// <summary>Sign-in on over a database with no users is a locked door: the log at start says how to make a key, and otherwise how many there are.</summary>
public sealed class UsersCheckTests
{
    private const string Hint = "Sign-in is on but there are no users yet: add one with `users add NAME --role admin`";
    private static readonly Dictionary<string, string> SignInOn = new() { ["Ledger:Auth"] = "on" };

    [Fact]
    public async Task StartingWithNoUsers_SaysHowToAddOne_AndWithAUser_SaysNothing()
    {
        var empty = new CapturingLogs();
        await using var first = await LedgerApiFactory.CreateAsync(services: s => s.AddSingleton<ILoggerProvider>(empty), settings: SignInOn);
        _ = first.Services;
        await WaitForAsync(() => empty.All().Any(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(Hint, StringComparison.Ordinal)));
        await first.Services.InScopeAsync(s => s.GetRequiredService<UserDirectory>().AddAsync("ada", LedgerRoles.Admin, SignInApp.PasswordOf("ada")));

        var withUser = new CapturingLogs();
        await using (var second = await LedgerApiFactory.CreateAsync(first.Database.Borrow(), s => s.AddSingleton<ILoggerProvider>(withUser), SignInOn))
        {
            _ = second.Services;
            await WaitForAsync(() => withUser.All().Any(line => line.Contains("Sign-in is on; users: 1", StringComparison.Ordinal)));
        }

        Assert.DoesNotContain(withUser.All(), line => line.Contains(Hint, StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The app never logged what the check found.");
            await Task.Delay(50);
        }
    }
}
