namespace Ledger.Api.Tests.Security;

/// <summary>
/// How long a browser's sign-in lasts, on a clock the test moves: eight hours after the request that last renewed
/// it, so a person at work is not signed out mid-task. The check against the user's security stamp, at most a
/// minute apart, renews it (sliding expiration would at half its life), and a new role or password ends it.
/// </summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = SignInSetup.CookieLifetime;

    private readonly DateTimeOffset start = DateTimeOffset.UtcNow;
    private readonly ManualClock clock;
    private readonly SignInApp app;

    public SessionLifetimeTests()
    {
        clock = new ManualClock(start);
        app = new SignInApp(null, services => services.AddSingleton<TimeProvider>(new LedgerClock(clock)));
    }

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ASignInUnusedForItsLifetime_Ends()
    {
        var cookie = await SignInAsync(SignInApp.Clerk);

        clock.Set(start + Lifetime - TimeSpan.FromMinutes(1));
        await AssertSignedInAsync(cookie);

        clock.Set(start + Lifetime + TimeSpan.FromMinutes(1));
        await AssertSignedOutAsync(cookie);
    }

    [Fact]
    public async Task ARequestRenewsIt_AndTheOldCookieStillEndsOnTime()
    {
        var cookie = await SignInAsync(SignInApp.Clerk);

        clock.Set(start + TimeSpan.FromHours(2));
        using var renewing = await app.GetWithCookiesAsync("/accounts", cookie);
        Assert.Equal(HttpStatusCode.OK, renewing.StatusCode);
        var renewed = SignInApp.SignInCookie(renewing)?.Split(';')[0];
        Assert.NotNull(renewed);

        clock.Set(start + Lifetime + TimeSpan.FromMinutes(2));
        await AssertSignedInAsync(renewed);
        await AssertSignedOutAsync(cookie);
    }

    [Theory]
    [InlineData("role")]
    [InlineData("password")]
    public async Task AChangeToTheUser_EndsTheirSignIn_WithinAMinute(string change)
    {
        const string user = "tess";
        await app.AddUserAsync(user, LedgerRoles.Clerk);
        var cookie = await SignInAsync(user);

        await app.InScopeAsync(s => change == "role"
            ? s.GetRequiredService<UserDirectory>().SetRoleAsync(user, LedgerRoles.Viewer)
            : s.GetRequiredService<UserDirectory>().SetPasswordAsync(user, "a new long passphrase 2026"));

        clock.Set(start + TimeSpan.FromSeconds(61));
        await AssertSignedOutAsync(cookie);
    }

    [Fact]
    public async Task AnUnchangedUser_StaysSignedIn_ThroughTheMinutelyCheck()
    {
        var cookie = await SignInAsync(SignInApp.Viewer);

        clock.Set(start + TimeSpan.FromSeconds(61));

        await AssertSignedInAsync(cookie);
    }

    private async Task<string> SignInAsync(string user)
    {
        var (cookie, page) = await app.SignInAsync(user, SignInApp.PasswordOf(user));
        return cookie ?? throw new InvalidOperationException($"{user} could not sign in: {page}");
    }

    private async Task AssertSignedInAsync(string cookie)
    {
        using var page = await app.GetWithCookiesAsync("/accounts", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task AssertSignedOutAsync(string cookie)
    {
        using var page = await app.GetWithCookiesAsync("/accounts", cookie);
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/login", new Uri(new Uri("http://localhost"), page.Headers.Location!).AbsolutePath);
    }
}
