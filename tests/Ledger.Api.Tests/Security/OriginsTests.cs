using Ledger.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Ledger.Api.Tests.Security;

/// <summary>Same origin is the request's own scheme, host and port; a port left out is the scheme's default.</summary>
public sealed class OriginsTests
{
    [Theory]
    [InlineData("http", "ledger.example", "http://ledger.example", true)]
    [InlineData("http", "ledger.example", "http://ledger.example:80", true)]
    [InlineData("http", "ledger.example", "http://LEDGER.example", true)]
    [InlineData("http", "ledger.example", "http://ledger.example:8080", false)]
    [InlineData("http", "ledger.example", "https://ledger.example", false)]
    [InlineData("http", "ledger.example", "http://evil.example", false)]
    [InlineData("https", "ledger.example", "https://ledger.example", true)]
    [InlineData("https", "ledger.example", "https://ledger.example:443", true)]
    [InlineData("https", "ledger.example", "https://ledger.example:80", false)]
    [InlineData("https", "ledger.example", "http://ledger.example", false)]
    [InlineData("http", "ledger.example:5000", "http://ledger.example:5000", true)]
    [InlineData("http", "ledger.example:5000", "http://ledger.example", false)]
    [InlineData("https", "ledger.example:8443", "https://ledger.example:8443", true)]
    [InlineData("https", "ledger.example:8443", "https://ledger.example", false)]
    public void TheOrigin_MustNameTheSchemeHostAndPortTheRequestWasSentTo(string scheme, string host, string origin, bool same)
    {
        Assert.Equal(same, Origins.IsSameOrigin(Request(scheme, host), origin));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("ledger.example")]
    [InlineData("http://ledger.example/accounts")]
    [InlineData("http://ledger.example/?q=1")]
    [InlineData("http://someone@ledger.example")]
    [InlineData("http://ledger.example/#top")]
    [InlineData("")]
    public void ANullPartialOrDecoratedOrigin_IsForeign(string origin)
    {
        Assert.False(Origins.IsSameOrigin(Request("http", "ledger.example"), origin));
    }

    [Fact]
    public void SeveralOrigins_OrARequestWithoutAHost_AreForeign()
    {
        Assert.False(Origins.IsSameOrigin(Request("http", "ledger.example"), new StringValues(["http://ledger.example", "http://ledger.example"])));
        Assert.False(Origins.IsSameOrigin(Request("http", "ledger.example"), StringValues.Empty));
        Assert.False(Origins.IsSameOrigin(Request("http", ""), "http://ledger.example"));
    }

    private static HttpRequest Request(string scheme, string host)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = scheme;
        request.Host = new HostString(host);
        return request;
    }
}
