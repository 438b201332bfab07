namespace Ledger.Api.Tests.Security;

/// <summary>
/// The API also answers a browser signed in with its cookie, but a change made that way needs the antiforgery token a
/// page of this app carries: another site can make the browser send the cookie, never the token.
/// </summary>
public sealed class AntiforgeryTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task ACookieSignedChange_NeedsTheAntiforgeryToken_AndABearerTokenDoesNot()
    {
        var (cookie, _) = await app.SignInAsync(SignInApp.Admin, SignInApp.PasswordOf(SignInApp.Admin));
        Assert.NotNull(cookie);
        var before = await app.EventCountAsync();

        using var withoutToken = await app.Client.SendAsync(Open("AF-1", cookie));
        var problem = await withoutToken.ProblemAsync(HttpStatusCode.Forbidden, AccessCodes.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.EventCountAsync());

        // A page of the app (its Sign out form) carries a token for this user; a read needs none.
        var home = new HttpRequestMessage(HttpMethod.Get, "/accounts");
        home.Headers.Add("Cookie", cookie);
        using var page = await app.Client.SendAsync(home);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToArray() : [];
        var token = SignInApp.AntiforgeryToken(html);

        var withToken = Open("AF-1", string.Join("; ", antiforgeryCookie.Prepend(cookie)));
        withToken.Headers.Add("RequestVerificationToken", token);
        using var accepted = await app.Client.SendAsync(withToken);
        await accepted.OkJsonAsync(HttpStatusCode.Created);

        using var read = await app.Client.SendAsync(WithCookie(new HttpRequestMessage(HttpMethod.Get, "/api/accounts/AF-1"), cookie));
        await read.OkJsonAsync();

        using var bearer = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts",
            Api.Json(new { accountId = "AF-2", holderId = "h", currency = "EUR", initialDeposit = 1 }));
        await bearer.OkJsonAsync(HttpStatusCode.Created);
    }

    private static HttpRequestMessage Open(string id, string cookie) => WithCookie(new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
    {
        Content = Api.JsonContent(Api.Json(new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 1 })),
    }, cookie);

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}
