namespace Ledger.Api.Tests.Protocol;

public sealed class OpenApiTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, string, int, int[]> Routes => new()
    {
        { "post", "/api/accounts", 201, [400, 409, 412, 422, 503, 500] },
        { "post", "/api/accounts/{id}/deposits", 200, [400, 404, 409, 412, 422, 503, 500] },
        { "post", "/api/accounts/{id}/withdrawals", 200, [400, 404, 409, 412, 422, 503, 500] },
        { "post", "/api/accounts/{id}/close", 200, [400, 404, 409, 412, 422, 503, 500] },
        { "post", "/api/transfers", 200, [400, 404, 409, 412, 422, 503, 500] },
        { "get", "/api/accounts", 200, [400, 503, 500] },
        { "get", "/api/accounts/{id}", 200, [400, 404, 503, 500] },
        { "get", "/api/accounts/{id}/events", 200, [400, 404, 503, 500] },
        { "get", "/api/accounts/{id}/state", 200, [400, 404, 503, 500] },
        { "get", "/api/balances", 200, [400, 503, 500] },
        { "get", "/api/accounts/{id}/statement", 200, [400, 404, 503, 500] },
        { "get", "/api/accounts/{id}/explain", 200, [400, 404, 503, 500] },
        { "get", "/api/compare", 200, [400, 503, 500] },
        { "get", "/api/events", 200, [400, 503, 500] },
        { "get", "/api/status", 200, [400, 503, 500] },
        { "get", "/health", 200, [503, 500] },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OpenApiDocument_DescribesEachRoute_WithItsProblemResponses(string method, string path, int success, int[] problems)
    {
        var document = await Client.GetJsonAsync("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty(success.ToString(System.Globalization.CultureInfo.InvariantCulture), out _), $"{method} {path} documents no {success}");
        foreach (var status in problems)
        {
            var response = responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var schema = response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.Equal("#/components/schemas/ApiProblem", schema.GetProperty("$ref").GetString());
        }

        if (method == "get" && path.StartsWith("/api/", StringComparison.Ordinal))
        {
            var position = Assert.Single(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Ledger-Position");
            Assert.Equal("header", position.GetProperty("in").GetString());
        }

        if (method == "post")
        {
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
            var headers = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
            Assert.Superset(new HashSet<string?> { "Idempotency-Key", "If-Match", "X-Actor", "X-Correlation-Id" }, headers.ToHashSet());
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesOnlyTheApi_AndTheProblemShape()
    {
        var document = await Client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(Routes.Select(r => (string)r[1]).Distinct().Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ApiProblem");
        Assert.Equal(["type", "title", "status", "detail", "code", "errors"], problem.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        var amount = document.GetProperty("components").GetProperty("schemas").GetProperty("DepositRequest").GetProperty("properties").GetProperty("amount");
        Assert.Equal("decimal", amount.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.False, document.GetProperty("components").GetProperty("schemas").GetProperty("DepositRequest").GetProperty("additionalProperties").ValueKind);
    }
}
