using Microsoft.AspNetCore.Identity;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Guessing passwords at /login: after five failures in a row the user is locked out for fifteen minutes, even with
/// the right password; the page's answer never says whether the name exists, and other users are unaffected.
/// </summary>
public sealed class LockoutTests(SignInApp app) : IClassFixture<SignInApp>
{
    private const string Refusal = "The user name or password is wrong, or this user is locked out";

    [Fact]
    public async Task FiveWrongPasswords_LockTheUserOut_EvenFromTheRightPassword_UntilAnAdminResetsIt()
    {
        await app.AddUserAsync("lena", LedgerRoles.Clerk);
        for (var attempt = 1; attempt <= UsersStorage.MaxFailedSignIns; attempt++)
        {
            var (cookie, page) = await app.SignInAsync("lena", $"guess number {attempt}");
            Assert.Null(cookie);
            Assert.Contains(Refusal, page, StringComparison.Ordinal);
        }

        var locked = await app.SignInAsync("lena", SignInApp.PasswordOf("lena"));
        Assert.Null(locked.Cookie);
        Assert.Contains(Refusal, locked.Page, StringComparison.Ordinal);
        var lockoutEnd = await app.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<IdentityUser>>();
            return await users.GetLockoutEndDateAsync((await users.FindByNameAsync("lena"))!);
        });
        Assert.InRange(lockoutEnd!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));

        // Someone else is not locked out by lena's attacker.
        Assert.NotNull((await app.SignInAsync(SignInApp.Viewer, SignInApp.PasswordOf(SignInApp.Viewer))).Cookie);

        // users set-password lifts the lockout.
        await app.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetPasswordAsync("lena", "a brand new passphrase"));
        Assert.NotNull((await app.SignInAsync("lena", "a brand new passphrase")).Cookie);
    }

    [Fact]
    public async Task AnUnknownName_GetsTheSameAnswerAsAWrongPassword()
    {
        var unknown = await app.SignInAsync("nobody-at-all", "whatever password");
        var wrong = await app.SignInAsync(SignInApp.Admin, "whatever password");
        Assert.Null(unknown.Cookie);
        Assert.Null(wrong.Cookie);
        Assert.Equal(Alert(wrong.Page), Alert(unknown.Page));
    }

    [Fact]
    public async Task TheRightPassword_SignsIn_AndTheCookieOpensThePages()
    {
        var (cookie, _) = await app.SignInAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk));
        Assert.NotNull(cookie);

        using var anonymous = await app.Client.GetAsync("/accounts");
        Assert.Equal(System.Net.HttpStatusCode.Found, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var request = new HttpRequestMessage(HttpMethod.Get, "/accounts");
        request.Headers.Add("Cookie", cookie);
        using var signedIn = await app.Client.SendAsync(request);
        var page = await signedIn.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(">carl<", page, StringComparison.Ordinal);
        Assert.Contains("Sign out", page, StringComparison.Ordinal);
    }

    private static string Alert(string page) =>
        page[page.IndexOf("role=\"alert\"", StringComparison.Ordinal)..][..200];
}
