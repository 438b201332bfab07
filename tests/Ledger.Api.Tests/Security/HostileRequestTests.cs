namespace Ledger.Api.Tests.Security;

/// <summary>
/// What a hostile page in the user's own browser can send: a rebound Host (DNS rebinding) or a cross-site request
/// (its Origin). Each is refused and writes nothing; scripts (no Origin) and the app's own pages keep working.
/// </summary>
public sealed class HostileRequestTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string> Commands => new()
    {
        { "/api/accounts", "{\"holderId\": \"h\", \"currency\": \"EUR\", \"initialDeposit\": 1}" },
        { "/api/accounts/{id}/deposits", "{\"amount\": 10, \"transactionReference\": \"r\"}" },
        { "/api/accounts/{id}/withdrawals", "{\"amount\": 10, \"transactionReference\": \"r\"}" },
        { "/api/accounts/{id}/close", "{\"reason\": \"r\"}" },
        { "/api/transfers", "{\"fromAccountId\": \"{id}\", \"toAccountId\": \"{other}\", \"amount\": 1}" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ACommandWithARebindingHost_Is400_AndWritesNothing(string route, string body)
    {
        var (url, json) = await ResolveAsync(route, body);

        var response = await Client.RefusedAsync(c => c.SendAsync(Post(url, json, ("Host", "evil.example:5000"), ("Origin", "http://evil.example:5000"))));

        await response.ProblemAsync(HttpStatusCode.BadRequest, "host_not_allowed");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/status")]
    [InlineData("/health")]
    [InlineData("/favicon.svg")]
    public async Task AnyRequestWithARebindingHost_Is400(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example:5000";

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("eventCount", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ACommandFromAPageOnAnotherSite_Is403ForbiddenOrigin_AndWritesNothing(string route, string body)
    {
        var (url, json) = await ResolveAsync(route, body);

        var response = await Client.RefusedAsync(c => c.SendAsync(Post(url, json, ("Origin", "http://evil.example:5000"))));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden_origin");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://localhost")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("not a url")]
    public async Task ADepositWithAnyOtherOrigin_Is403ForbiddenOrigin_AndWritesNothing(string origin)
    {
        var (url, json) = await ResolveAsync("/api/accounts/{id}/deposits", "{\"amount\": 10, \"transactionReference\": \"r\"}");

        var response = await Client.RefusedAsync(c => c.SendAsync(Post(url, json, ("Origin", origin))));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden_origin");
    }

    [Fact]
    public async Task ADepositWithTwoOrigins_Is403()
    {
        var (url, json) = await ResolveAsync("/api/accounts/{id}/deposits", "{\"amount\": 10, \"transactionReference\": \"r\"}");
        var request = Post(url, json);
        request.Headers.TryAddWithoutValidation("Origin", ["http://localhost", "http://evil.example"]);

        var response = await Client.RefusedAsync(c => c.SendAsync(request));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden_origin");
    }

    [Fact]
    public async Task ADepositFromTheAppsOwnOrigin_IsAccepted()
    {
        var (url, json) = await ResolveAsync("/api/accounts/{id}/deposits", "{\"amount\": 10, \"transactionReference\": \"r\"}");

        var result = await (await Client.SendAsync(Post(url, json, ("Origin", "http://localhost")))).OkJsonAsync();

        Assert.Equal(110m, result.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task ADepositWithoutOrigin_AsAScriptSendsIt_IsAccepted()
    {
        var (url, json) = await ResolveAsync("/api/accounts/{id}/deposits", "{\"amount\": 10, \"transactionReference\": \"r\"}");

        var result = await (await Client.SendAsync(Post(url, json))).OkJsonAsync();

        Assert.Equal(110m, result.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task AReadFromAnotherSite_IsAnswered_ForTheBrowserToWithhold()
    {
        // Reads change nothing; without CORS headers the browser never hands the answer to the other site's script.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<(string Url, string Json)> ResolveAsync(string route, string body)
    {
        var (id, other) = (await Client.OpenNewAsync(100m), await Client.OpenNewAsync(0m));
        return (route.Replace("{id}", id, StringComparison.Ordinal),
            body.Replace("{id}", id, StringComparison.Ordinal).Replace("{other}", other, StringComparison.Ordinal));
    }

    private static HttpRequestMessage Post(string url, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
