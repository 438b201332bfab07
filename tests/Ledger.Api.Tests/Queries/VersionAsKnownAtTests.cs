namespace Ledger.Api.Tests.Queries;

/// <summary>
/// "The state after event N" on state and explain alike: there is no event 0, so version counts from 1 on
/// both; and knownAt is honoured with a version too: as known before event N was recorded, there was no event N.
/// </summary>
public sealed class VersionAsKnownAtTests : ClockedApiTest
{
    [Theory]
    [InlineData("state")]
    [InlineData("explain")]
    public async Task VersionZero_Is400NamingVersion_OnStateAndExplainAlike(string route)
    {
        var id = await ThreeDaysOfHistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/{route}?version=0");

        var problem = await response.ValidationProblemAsync("version");
        Assert.Equal("'version' must be a whole number of at least 1.", problem.GetProperty("errors").GetProperty("version")[0].GetString());
    }

    [Theory]
    [InlineData("state")]
    [InlineData("explain")]
    public async Task AVersionAsKnownBeforeItWasRecorded_Is404_NamingTheVersionAndTheMoment(string route)
    {
        var id = await ThreeDaysOfHistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/{route}?version=3&knownAt=2020-01-01T00:00:00Z");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        Assert.Equal($"Account '{id}' had no version 3 as known at 2020-01-01T00:00:00.0000000Z.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("state")]
    [InlineData("explain")]
    public async Task AVersionAsKnownFromTheMomentItWasRecorded_IsThatVersion(string route)
    {
        var id = await ThreeDaysOfHistoryAsync();

        var justBefore = await Client.GetAsync($"/api/accounts/{id}/{route}?version=3&knownAt={Iso(Monday.AddDays(2).AddSeconds(-1))}");
        var atRecording = await Client.GetJsonAsync($"/api/accounts/{id}/{route}?version=3&knownAt={Iso(Monday.AddDays(2))}");
        var knownNow = await Client.GetJsonAsync($"/api/accounts/{id}/{route}?version=2&knownAt={Iso(Monday.AddDays(2))}");

        await justBefore.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        Assert.Equal((3, 120m), (atRecording.GetProperty("version").GetInt64(), atRecording.GetProperty("balance").GetDecimal()));
        Assert.Equal((2, 150m), (knownNow.GetProperty("version").GetInt64(), knownNow.GetProperty("balance").GetDecimal()));
    }

    [Fact]
    public async Task StateAtAVersion_WithAKnownAtThatIsNotAnInstant_Is400NamingKnownAt()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/state?version=3&knownAt=yesterday");

        await response.ValidationProblemAsync("knownAt");
    }

    [Fact]
    public async Task ExplainWithOnlyKnownAt_ExplainsTheBalanceNowAsKnownThen()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var explained = await Client.GetJsonAsync($"/api/accounts/{id}/explain?knownAt={Iso(Monday.AddDays(1).AddHours(1))}");

        Assert.Equal((2, 150m), (explained.GetProperty("version").GetInt64(), explained.GetProperty("balance").GetDecimal()));
        Assert.Equal(150m, explained.GetProperty("replayedBalance").GetDecimal());
    }
}
