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

        var forged = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", cookie);
        using var refused = await app.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(SignInApp.SignInCookie(refused));
        using var page = await GetAsync("/accounts", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheAppsOwnPage_ClearsTheCookie_AndGoesToTheSignInPage()
    {
        var (cookie, _) = await app.SignInAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk));
        Assert.NotNull(cookie);
        using var page = await GetAsync("/accounts", cookie);
        var token = SignInApp.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var antiforgeryCookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : [];

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        signOut.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies.Prepend(cookie)));
        using var signedOut = await app.Client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Found, signedOut.StatusCode);
        Assert.Equal("/login", signedOut.Headers.Location?.OriginalString);
        var cleared = SignInApp.SignInCookie(signedOut);
        Assert.NotNull(cleared);
        Assert.StartsWith(Ledger.Web.SignInSetup.CookieName + "=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return app.Client.SendAsync(request);
    }
}
