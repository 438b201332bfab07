namespace Ledger.Api.Tests.Security;

/// <summary>
/// Sign out is a form post from the app's own pages, with their antiforgery token: another site can make a browser
/// post to /logout with its cookie, but not with the token, so it cannot sign a person out behind their back.
/// </summary>
public sealed class SignOutTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task SignOut_WithoutThePagesToken_IsRefused_AndTheSignInHolds()
    {
        var (cookie, _) = await app.SignInAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk));
        Assert.NotNull(cookie);

        using var refused = await app.SendWithCookiesAsync(new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) }, cookie);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(SignInApp.SignInCookie(refused));
        using var page = await app.GetWithCookiesAsync("/accounts", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheAppsOwnPage_ClearsTheCookie_AndGoesToTheSignInPage()
    {
        var (cookie, _) = await app.SignInAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk));
        Assert.NotNull(cookie);
        using var page = await app.GetWithCookiesAsync("/accounts", cookie);
        var token = SignInApp.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        using var signedOut = await app.SendWithCookiesAsync(signOut, SignInApp.CookiesSet(page).Prepend(cookie));

        Assert.Equal(HttpStatusCode.Found, signedOut.StatusCode);
        Assert.Equal("/login", signedOut.Headers.Location?.OriginalString);
        var cleared = SignInApp.SignInCookie(signedOut);
        Assert.NotNull(cleared);
        Assert.StartsWith(Ledger.Web.SignInSetup.CookieName + "=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }
}
