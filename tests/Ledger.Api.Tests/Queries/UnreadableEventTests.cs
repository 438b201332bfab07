namespace Ledger.Api.Tests.Queries;

/// <summary>shared/API.md, Additions: an event this build cannot read quarantines its account and nothing else.</summary>
public sealed class UnreadableEventTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task AnUnreadableEvent_IsListedInStatus_ShownAsStoredInTheFeed_AndRefusesCommandsOnItsAccountOnly()
    {
        var (held, other) = (await Client.OpenNewAsync(100m), await Client.OpenNewAsync(100m));
        var position = await RawEvents.InsertAsync(Fixture.Factory.Services, held, 2, "InterestApplied", 1, $$"""{"accountId":"{{held}}","amount":1.5}""");
        var count = await Client.EventCountAsync();

        var refused = await Client.PostAsync($"/api/accounts/{held}/deposits", new { amount = 1, transactionReference = "r" });
        var fine = await Client.PostAsync($"/api/accounts/{other}/deposits", new { amount = 7, transactionReference = "r" });

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "stream_unreadable");
        Assert.Contains("InterestApplied", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(count + 1, await Client.EventCountAsync());
        Assert.Equal(107m, await Client.BalanceAsync(other));

        var feed = await Client.GetJsonAsync($"/api/events?after={position - 1}&limit=1");
        var stored = feed.GetProperty("items")[0];
        Assert.False(stored.GetProperty("readable").GetBoolean());
        Assert.Equal("InterestApplied", stored.GetProperty("type").GetString());
        Assert.Equal(1.5m, stored.GetProperty("data").GetProperty("amount").GetDecimal());

        var status = await Client.GetJsonAsync("/api/status");
        var quarantined = status.GetProperty("quarantined").EnumerateArray().Single(q => q.GetProperty("accountId").GetString() == held);
        Assert.Equal(position, quarantined.GetProperty("position").GetInt64());
        Assert.Equal("InterestApplied", quarantined.GetProperty("type").GetString());
        Assert.Equal(1, quarantined.GetProperty("schemaVersion").GetInt32());
    }
}
