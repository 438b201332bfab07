namespace Ledger.Api.Tests.Protocol;

/// <summary>Bad headers and query strings are 400s naming the header or parameter, never a guess.</summary>
public sealed class HeaderAndQueryValidationTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string, string> InvalidHeaders => new()
    {
        { "Idempotency-Key", new string('k', 101), "Idempotency-Key" },
        { "Idempotency-Key", " ", "Idempotency-Key" },
        { "If-Match", "3", "If-Match" },
        { "If-Match", "W/\"3\"", "If-Match" },
        { "If-Match", "\"three\"", "If-Match" },
        { "If-Match", "\"1\", \"2\"", "If-Match" },
        { "If-Match", "*", "If-Match" },
        { "X-Actor", new string('a', 101), "X-Actor" },
        { "X-Correlation-Id", new string('c', 101), "X-Correlation-Id" },
    };

    [Theory]
    [MemberData(nameof(InvalidHeaders))]
    public async Task InvalidCommandHeader_Is400NamingTheHeader_AndWritesNothing(string header, string value, string field)
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "r" }, (header, value)));

        await response.ValidationProblemAsync(field);
    }

    [Fact]
    public async Task IdempotencyKeyOfExactly100Characters_IsAccepted()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "r" }, ("Idempotency-Key", Guid.NewGuid().ToString("N") + new string('k', 68)));

        await response.OkJsonAsync();
    }

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "/api/accounts/{id}/state?at=2026-03-01T12:00:00", "at" },
        { "/api/accounts/{id}/state?at=2026-03-01", "at" },
        { "/api/accounts/{id}/state?at=2026-03-01T12:00:00+01:00", "at" },
        { "/api/accounts/{id}/state?at=yesterday", "at" },
        { "/api/accounts/{id}/state?at=2026-13-01T12:00:00Z", "at" },
        { "/api/accounts/{id}/state", "version" },
        { "/api/accounts/{id}/state?version=1&at=2026-03-01T12:00:00Z", "version" },
        { "/api/accounts/{id}/state?version=abc", "version" },
        { "/api/accounts/{id}/state?version=-1", "version" },
        { "/api/accounts/{id}/state?version=0", "version" },
        { "/api/accounts/{id}/explain?version=0", "version" },
        { "/api/accounts/{id}/statement?format=xml", "format" },
        { "/api/balances?at=2026-03-01T12:00:00", "at" },
        { "/api/balances?at=1772366400", "at" },
        { "/api/accounts?pageSize=501", "pageSize" },
        { "/api/accounts?pageSize=0", "pageSize" },
        { "/api/accounts?page=0", "page" },
        { "/api/accounts?page=two", "page" },
        { "/api/accounts?sort=name", "sort" },
        { "/api/accounts?status=open", "status" },
        { "/api/accounts?currency=EUX", "currency" },
        { "/api/accounts/{id}/events?limit=1001", "limit" },
        { "/api/accounts/{id}/events?limit=0", "limit" },
        { "/api/accounts/{id}/events?fromVersion=0", "fromVersion" },
        { "/api/accounts/{id}/events?toVersion=x", "toVersion" },
        { "/api/events?after=-1", "after" },
        { "/api/events?limit=1001", "limit" },
        { "/api/events?limit=many", "limit" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task InvalidQueryParameter_Is400NamingTheParameter(string route, string field)
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.GetAsync(route.Replace("{id}", id, StringComparison.Ordinal));

        await response.ValidationProblemAsync(field);
    }

    [Fact]
    public async Task TimestampWithAnUnencodedPlus_IsRefused_WithAHintAboutPercent2B()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/state?at=2026-03-01T12:00:00+01:00");

        var problem = await response.ValidationProblemAsync("at");
        Assert.Contains("%2B", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccount_OnEveryAccountRead_Is404AccountNotFound()
    {
        var id = Api.NewId();
        foreach (var route in new[] { $"/api/accounts/{id}", $"/api/accounts/{id}/events", $"/api/accounts/{id}/state?version=1", $"/api/accounts/{id}/state?at=2030-01-01T00:00:00Z" })
        {
            await (await Client.GetAsync(route)).ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        }
    }
}
