using Ledger.Web.Api;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// A path nothing serves, or a method its path does not take: a program gets problem+json with a stable code
/// (never the UI's HTML page, never an empty body) and nothing is written; a browser asking for a page gets
/// the Not Found page.
/// </summary>
public sealed class UnservedRequestTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("GET", "/api/no-such-route")]
    [InlineData("GET", "/api/accounts/X-1/no-such-part")]
    [InlineData("POST", "/api/no-such-route")]
    [InlineData("POST", "/api")]
    [InlineData("PUT", "/api/deposits")]
    public async Task AnApiPathNothingServes_Is404RouteNotFound_AndWritesNothing(string method, string path)
    {
        using var response = await Client.RefusedAsync(c => c.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Api.JsonContent("{\"amount\":1}") }));

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, UnservedRequests.RouteNotFoundCode);
        Assert.Equal($"Nothing here answers {method} {path}. The API's routes are listed at /openapi/v1.json.", problem.GetProperty("detail").GetString());
        Assert.Equal("Not found.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("DELETE", "/api/accounts/{id}", "GET, HEAD")]
    [InlineData("POST", "/api/accounts/{id}", "GET, HEAD")]
    [InlineData("PUT", "/api/accounts", "GET, HEAD, POST")]
    [InlineData("GET", "/api/accounts/{id}/deposits", "POST")]
    [InlineData("GET", "/api/transfers", "POST")]
    [InlineData("PATCH", "/api/status", "GET, HEAD")]
    public async Task AMethodItsPathDoesNotTake_Is405MethodNotAllowed_NamingTheOnesItTakes(string method, string template, string allowed)
    {
        var id = await Client.OpenNewAsync();
        var path = template.Replace("{id}", id, StringComparison.Ordinal);

        using var response = await Client.RefusedAsync(c => c.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Api.JsonContent("{\"amount\":1,\"transactionReference\":\"r\"}") }));

        var problem = await response.ProblemAsync(HttpStatusCode.MethodNotAllowed, UnservedRequests.MethodNotAllowedCode);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal($"{path} does not take {method}; it takes {allowed}.", problem.GetProperty("detail").GetString());
        Assert.Equal("Method not allowed.", problem.GetProperty("title").GetString());
        Assert.Equal(100m, await Client.BalanceAsync(id));
    }

    [Theory]
    [InlineData("POST", "/health", "GET, HEAD")]
    [InlineData("PUT", "/openapi/v1.json", "GET, HEAD")]
    [InlineData("HEAD", "/api/accounts/X-1/deposits", "POST")]
    public async Task TheHealthCheckOpenApiAndHeadRequests_AreExplainedToo(string method, string path, string allowed)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task APageNothingServes_GetsTheNotFoundPage()
    {
        using var response = await Client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the content you are looking for does not exist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task AnythingButAPageRequest_ToAPathNothingServes_Is404_NotAFormError(string method)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/no-such-page") { Content = Api.JsonContent("{}") });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Content-type", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(413, "payload_too_large")]
    [InlineData(415, "unsupported_media_type")]
    [InlineData(431, "request_header_fields_too_large")]
    [InlineData(599, "http_599")]
    public void AStatusWithoutACodeOfOurs_IsNamedByItsReasonPhrase(int status, string code)
    {
        Assert.Equal(code, UnservedRequests.CodeFor(status));

        var problem = UnservedRequests.ProblemFor(status, "POST", "/api/x", "");
        Assert.Equal(code, problem.Code);
        Assert.Equal(status, problem.Status);
        Assert.StartsWith("POST /api/x was refused: ", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A405WithoutAnAllowHeader_StillReadsAsASentence() =>
        Assert.Equal("/api/x does not take PUT; it takes other methods.", UnservedRequests.ProblemFor(405, "PUT", "/api/x", "").Detail);
}
