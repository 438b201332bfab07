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

        using var withoutToken = await app.SendWithCookiesAsync(Open("AF-1"), cookie);
        var problem = await withoutToken.ProblemAsync(HttpStatusCode.Forbidden, AccessCodes.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.EventCountAsync());

        // A page of the app (its Sign out form) carries a token for this user; a read needs none.
        using var page = await app.GetWithCookiesAsync("/accounts", cookie);
        var token = SignInApp.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        var withToken = Open("AF-1");
        withToken.Headers.Add("RequestVerificationToken", token);
        using var accepted = await app.SendWithCookiesAsync(withToken, SignInApp.CookiesSet(page).Prepend(cookie));
        await accepted.OkJsonAsync(HttpStatusCode.Created);

        using var read = await app.GetWithCookiesAsync("/api/accounts/AF-1", cookie);
        await read.OkJsonAsync();

        using var bearer = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts",
            Api.Json(new { accountId = "AF-2", holderId = "h", currency = "EUR", initialDeposit = 1 }));
        await bearer.OkJsonAsync(HttpStatusCode.Created);
    }

    private static HttpRequestMessage Open(string id) => new(HttpMethod.Post, "/api/accounts")
    {
        Content = Api.JsonContent(Api.Json(new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 1 })),
    };
}
