namespace Ledger.Api.Tests.Queries;

public sealed class AccountListTests : OwnAppApiTest
{
    protected override async Task SeedAsync()
    {
        await Client.OpenAsync("alpha", 30m, holderName: "Zoe Zimmer");
        await Client.OpenAsync("bravo", 10m, holderName: "Adam Abbot");
        await Client.OpenAsync("charlie", 20m, "USD", holderName: "Mia Mueller");
        await Client.OpenAsync("delta", 0m, holderName: "Bob Baker");
        (await Client.PostAsync("/api/accounts/delta/close", new { reason = "r" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ListAccounts_ByDefault_PagesAllAccountsById()
    {
        var page = await Client.GetJsonAsync("/api/accounts");

        Assert.Equal((Page: 1, PageSize: 50, Total: 4), page.Paging());
        Assert.Equal(["alpha", "bravo", "charlie", "delta"], Ids(page));
        var first = page.GetProperty("items")[0];
        Assert.Equal(["accountId", "holderId", "holderName", "currency", "balance", "status", "version", "openedAt", "lastUpdatedAt"],
            first.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Theory]
    [InlineData("?sort=balance_desc", new[] { "alpha", "charlie", "bravo", "delta" })]
    [InlineData("?sort=balance", new[] { "delta", "bravo", "charlie", "alpha" })]
    [InlineData("?sort=holder", new[] { "bravo", "delta", "charlie", "alpha" })]
    [InlineData("?sort=id_desc", new[] { "delta", "charlie", "bravo", "alpha" })]
    [InlineData("?status=Closed", new[] { "delta" })]
    [InlineData("?status=active&sort=id", new[] { "alpha", "bravo", "charlie" })]
    [InlineData("?currency=USD", new[] { "charlie" })]
    [InlineData("?search=ue", new[] { "charlie" })]
    [InlineData("?search=ALP", new[] { "alpha" })]
    [InlineData("?sort=id&page=2&pageSize=3", new[] { "delta" })]
    public async Task ListAccounts_FiltersSortsAndPages(string query, string[] expected)
    {
        var page = await Client.GetJsonAsync("/api/accounts" + query);

        Assert.Equal(expected, Ids(page));
    }

    /// <summary>By the number a person reads, whatever the currency: 25 JPY is less than 10 EUR's 1,000 cents.</summary>
    [Fact]
    public async Task SortByBalance_AcrossCurrencies_OrdersByValue_NotMinorUnits()
    {
        await Client.OpenAsync("yen", 25m, "JPY", holderName: "bob lower");
        await Client.OpenAsync("dinar", 10.5m, "KWD", holderName: "ada lower");

        var ascending = Ids(await Client.GetJsonAsync("/api/accounts?sort=balance"));
        var descending = Ids(await Client.GetJsonAsync("/api/accounts?sort=balance_desc"));
        var holders = Ids(await Client.GetJsonAsync("/api/accounts?sort=holder"));

        Assert.Equal(["delta", "bravo", "dinar", "charlie", "yen", "alpha"], ascending);
        Assert.Equal(["alpha", "yen", "charlie", "dinar", "bravo", "delta"], descending);
        Assert.Equal(["dinar", "bravo", "delta", "yen", "charlie", "alpha"], holders);
    }

    [Fact]
    public async Task ListAccounts_TotalCountsEveryMatch_NotJustThePage()
    {
        var page = await Client.GetJsonAsync("/api/accounts?pageSize=2&page=2&sort=updated_desc");

        Assert.Equal((Page: 2, PageSize: 2, Total: 4), page.Paging());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task GetAccount_AnswersTheAccount_WithItsVersionAsETag()
    {
        var response = await Client.GetAsync("/api/accounts/delta");

        var account = await response.OkJsonAsync();
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("Closed", account.GetProperty("status").GetString());
        Assert.Equal("Bob Baker", account.GetProperty("holderName").GetString());
    }

    [Fact]
    public async Task GetAccount_ThatDoesNotExist_Is404AccountNotFound()
    {
        await (await Client.GetAsync("/api/accounts/echo")).ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
    }

    private static string[] Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()!).ToArray();
}

public sealed class EventReadTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task AccountEvents_ComeInVersionOrder_WithTheContractShape()
    {
        var id = await Client.OpenNewAsync(10m);
        await Client.DepositAsync(id, 2m);

        var page = await Client.GetJsonAsync($"/api/accounts/{id}/events");

        Assert.True(page.GetProperty("nextFromVersion").ValueKind == System.Text.Json.JsonValueKind.Null);
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["AccountOpened", "MoneyDeposited"], items.Select(e => e.GetProperty("type").GetString()!).ToArray());
        var opened = items[0];
        Assert.Equal(["position", "eventId", "streamId", "accountId", "version", "type", "schemaVersion", "occurredAt", "data", "metadata", "readable", "recordedAt"],
            opened.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal($"BankAccount-{id}", opened.GetProperty("streamId").GetString());
        Assert.Equal(id, opened.GetProperty("accountId").GetString());
        Assert.Equal(1, opened.GetProperty("version").GetInt64());
        Assert.Equal(10m, opened.GetProperty("data").GetProperty("initialDeposit").GetDecimal());
        Assert.Equal(["correlationId", "causationId", "actor"], opened.GetProperty("metadata").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task AccountEvents_PageWithNextFromVersion_AndStopAtToVersion()
    {
        var id = await Client.OpenNewAsync(0m);
        for (var i = 0; i < 4; i++)
        {
            await Client.DepositAsync(id, 1m, $"r{i}");
        }

        var first = await Client.GetJsonAsync($"/api/accounts/{id}/events?limit=2");
        var second = await Client.GetJsonAsync($"/api/accounts/{id}/events?fromVersion={first.GetProperty("nextFromVersion").GetInt64()}&limit=2");
        var last = await Client.GetJsonAsync($"/api/accounts/{id}/events?fromVersion={second.GetProperty("nextFromVersion").GetInt64()}&limit=2");
        var bounded = await Client.GetJsonAsync($"/api/accounts/{id}/events?fromVersion=2&toVersion=3");

        Assert.Equal(3, first.GetProperty("nextFromVersion").GetInt64());
        Assert.Equal(5, second.GetProperty("nextFromVersion").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("nextFromVersion").ValueKind);
        Assert.Equal([5L], last.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToArray());
        Assert.Equal([2L, 3L], bounded.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToArray());
    }

    [Fact]
    public async Task EventFeed_AnswersEventsAfterAPosition_InGlobalOrder_WithTheLastPosition()
    {
        var start = (await Client.GetJsonAsync("/api/status")).GetProperty("headPosition").GetInt64();
        var (a, b) = (await Client.OpenNewAsync(1m), await Client.OpenNewAsync(1m));
        await Client.DepositAsync(a, 1m);

        var feed = await Client.GetJsonAsync($"/api/events?after={start}&limit=2");
        var rest = await Client.GetJsonAsync($"/api/events?after={feed.GetProperty("lastPosition").GetInt64()}");
        var empty = await Client.GetJsonAsync($"/api/events?after={rest.GetProperty("lastPosition").GetInt64()}");

        var positions = feed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()).ToArray();
        Assert.Equal([start + 1, start + 2], positions);
        Assert.Equal(start + 2, feed.GetProperty("lastPosition").GetInt64());
        Assert.Equal([a, b], feed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("accountId").GetString()!).ToArray());
        Assert.Equal("MoneyDeposited", rest.GetProperty("items")[0].GetProperty("type").GetString());
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        Assert.Equal(rest.GetProperty("lastPosition").GetInt64(), empty.GetProperty("lastPosition").GetInt64());
    }

    [Fact]
    public async Task Status_CountsEvents_AndShowsProjectionsAndTheProviderOnly()
    {
        await Client.OpenAsync(Api.NewId());

        var status = await Client.GetJsonAsync("/api/status");

        Assert.True(status.GetProperty("eventCount").GetInt64() >= 1);
        Assert.Equal(status.GetProperty("eventCount").GetInt64(), status.GetProperty("headPosition").GetInt64());
        var projections = status.GetProperty("projections").EnumerateArray().ToArray();
        Assert.Equal(["account_balances", "account_ledger"], projections.Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(projections, p => Assert.Equal(["name", "checkpoint", "lagEvents", "lagSeconds"], p.EnumerateObject().Select(x => x.Name).ToArray()));
        // Which engine, and on a server which database; never a file path, a connection string or a password.
        var database = status.GetProperty("database");
        Assert.Equal(Fixture.Factory.Database.Provider, database.GetProperty("provider").GetString());
        string[] fields = Fixture.Factory.Database is PostgresTestDatabase ? ["provider", "host", "database"] : ["provider"];
        Assert.Equal(fields, database.EnumerateObject().Select(p => p.Name).ToArray());
        if (Fixture.Factory.Database is PostgresTestDatabase server)
        {
            Assert.Equal(server.Name, database.GetProperty("database").GetString());
            Assert.DoesNotContain("assword", status.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_Is200_WhenTheDatabaseAnswers()
    {
        var health = await Client.GetJsonAsync("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }
}
