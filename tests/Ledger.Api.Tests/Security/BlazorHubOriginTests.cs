namespace Ledger.Api.Tests.Security;

/// <summary>A Blazor circuit can do anything the UI can, so the hub refuses to open one for a page on another site.</summary>
public sealed class BlazorHubOriginTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task Negotiating_FromAnotherSite_Is403(string origin)
    {
        using var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Negotiating_FromTheAppsOwnPage_Succeeds()
    {
        using var response = await NegotiateAsync("http://localhost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebSocketFromAnotherSite_IsRefusedWith403()
    {
        var sockets = Fixture.Factory.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers.Origin = "http://evil.example";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sockets.ConnectAsync(new Uri("ws://localhost/_blazor?id=x"), CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebSocketFromTheAppsOwnPage_GetsPastTheOriginCheck()
    {
        // The control for the test above: the same upgrade from the app's own origin reaches the hub, which answers
        // for itself (a made-up connection id is its business, not the origin check's).
        var negotiate = await (await NegotiateAsync("http://localhost")).OkJsonAsync();
        var token = negotiate.GetProperty("connectionToken").GetString();
        var sockets = Fixture.Factory.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers.Origin = "http://localhost";

        using var socket = await sockets.ConnectAsync(new Uri($"ws://localhost/_blazor?id={token}"), CancellationToken.None);

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await Client.SendAsync(request);
    }
}
