namespace Ledger.Api.Tests.Inspection;

/// <summary>Statements and explanations stay bounded replies: a statement of too many lines is refused, an explanation lists its last steps.</summary>
public sealed class InspectionLimitsTests() : OwnAppApiTest(new Dictionary<string, string>
{
    ["Ledger:StatementMaxLines"] = "3",
    ["Ledger:ExplainMaxSteps"] = "2",
    ["Ledger:SnapshotInterval"] = "1000",
})
{
    [Fact]
    public async Task AStatementOfMoreLinesThanTheLimit_Is422StatementTooLong_NamingTheCount_AndAShorterOneIsServed()
    {
        var id = await AccountWithEventsAsync(4);

        var refused = await Client.GetAsync($"/api/accounts/{id}/statement");
        var csv = await Client.GetAsync($"/api/accounts/{id}/statement?format=csv");
        var lastThree = await Client.GetJsonAsync($"/api/accounts/{id}/statement?from={WebUtility.UrlEncode((await OccurredAtAsync(id, 2)).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");

        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "statement_too_long");
        Assert.Contains("4 lines", problem.GetProperty("detail").GetString());
        await csv.ProblemAsync(HttpStatusCode.UnprocessableEntity, "statement_too_long");
        Assert.Equal(3, lastThree.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task AnExplanationReplaysEveryEvent_ButListsOnlyTheLastSteps_AndSaysHowManyAreOmitted()
    {
        var id = await AccountWithEventsAsync(5);

        var explained = await Client.GetJsonAsync($"/api/accounts/{id}/explain");

        Assert.Equal(JsonValueKind.Null, explained.GetProperty("snapshotVersion").ValueKind);
        Assert.Equal([4L, 5L], explained.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(3, explained.GetProperty("omittedEvents").GetInt64());
        // All five were folded: 100 opened + four deposits of 1.
        Assert.Equal(104m, explained.GetProperty("replayedBalance").GetDecimal());
        Assert.True(explained.GetProperty("matches").GetBoolean());
    }

    /// <summary>Opened with 100, then deposits of 1 until it has <paramref name="events"/> events.</summary>
    private async Task<string> AccountWithEventsAsync(int events)
    {
        var id = Api.NewId("limits");
        await Client.OpenAsync(id, 100m);
        for (var i = 2; i <= events; i++)
        {
            (await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = $"D-{i}" })).EnsureSuccessStatusCode();
        }

        return id;
    }

    private async Task<DateTimeOffset> OccurredAtAsync(string id, long version)
    {
        var explained = await Client.GetJsonAsync($"/api/accounts/{id}/explain?version={version}");
        return explained.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("version").GetInt64() == version).GetProperty("occurredAt").GetDateTimeOffset();
    }
}
