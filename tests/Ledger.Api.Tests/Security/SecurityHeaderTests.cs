namespace Ledger.Api.Tests.Security;

/// <summary>Every response, whatever produced it, forbids framing and sniffing and carries the content policy.</summary>
public sealed class SecurityHeaderTests(ApiFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, HttpStatusCode> Responses => new()
    {
        { "/", HttpStatusCode.OK },
        { "/as-of", HttpStatusCode.OK },
        { "/api/status", HttpStatusCode.OK },
        { "/api/accounts/nobody", HttpStatusCode.NotFound },
        { "/health", HttpStatusCode.OK },
        { "/openapi/v1.json", HttpStatusCode.OK },
        { "/favicon.svg", HttpStatusCode.OK },
        { "/_content/MudBlazor/MudBlazor.min.css", HttpStatusCode.OK },
        { "/no-such-page", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Refusals_CarryTheSecurityHeadersToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ThePolicy_AllowsOnlyThisOrigin_AndBlazorsImportMapByItsNonce()
    {
        using var response = await Client.GetAsync("/");
        var policy = Header(response, "Content-Security-Policy");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce), policy);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePolicy_IsExactlyWhatBlazorAndMudBlazorNeed()
    {
        using var response = await Client.GetAsync("/");
        var policy = Header(response, "Content-Security-Policy");
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;

        // Each directive spelled out: a widened one (a new source, 'unsafe-inline' on scripts) must be a visible change here.
        Assert.Equal(
            [
                "default-src 'self'",
                $"script-src 'self' 'nonce-{nonce}'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ],
            policy.Split("; "));
        Assert.Matches("^[0-9A-F]{32}$", nonce);
    }

    [Fact]
    public async Task EachPage_GetsItsOwnNonce()
    {
        using var first = await Client.GetAsync("/");
        using var second = await Client.GetAsync("/");

        Assert.NotEqual(Header(first, "Content-Security-Policy"), Header(second, "Content-Security-Policy"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header.");
}
