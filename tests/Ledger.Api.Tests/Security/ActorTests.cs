namespace Ledger.Api.Tests.Security;

/// <summary>With sign-in on, every event says who signed in, whatever the request claims in X-Actor.</summary>
public sealed class ActorTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task EveryEvent_IsRecordedUnderTheTokensUser_AndXActorIsIgnored()
    {
        using var opened = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts",
            Api.Json(new { accountId = "ACTOR-1", holderId = "h", currency = "EUR", initialDeposit = 10 }), ("X-Actor", "mallory"));
        await opened.OkJsonAsync(HttpStatusCode.Created);

        // Even a header the API would refuse without sign-in (too long) is not read at all.
        using var deposited = await app.SendAsync(SignInApp.Clerk, HttpMethod.Post, "/api/accounts/ACTOR-1/deposits",
            Api.Json(new { amount = 5, transactionReference = "A-1" }), ("X-Actor", new string('m', 300)));
        await deposited.OkJsonAsync();

        using var events = await app.SendAsync(SignInApp.Viewer, HttpMethod.Get, "/api/accounts/ACTOR-1/events");
        var actors = (await events.OkJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("metadata").GetProperty("actor").GetString());
        Assert.Equal([SignInApp.Admin, SignInApp.Clerk], actors);
    }

    [Fact]
    public async Task ClosedBy_DefaultsToTheSignedInUser()
    {
        using var opened = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts",
            Api.Json(new { accountId = "ACTOR-2", holderId = "h", currency = "EUR", initialDeposit = 0 }));
        await opened.OkJsonAsync(HttpStatusCode.Created);
        using var closed = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts/ACTOR-2/close", Api.Json(new { reason = "done" }), ("X-Actor", "mallory"));
        await closed.OkJsonAsync();

        using var events = await app.SendAsync(SignInApp.Admin, HttpMethod.Get, "/api/accounts/ACTOR-2/events?fromVersion=2");
        var closing = (await events.OkJsonAsync()).GetProperty("items")[0];
        Assert.Equal(SignInApp.Admin, closing.GetProperty("data").GetProperty("closedBy").GetString());
        Assert.Equal(SignInApp.Admin, closing.GetProperty("metadata").GetProperty("actor").GetString());
    }
}
