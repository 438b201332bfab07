namespace Ledger.Api.Tests.Security;

/// <summary>Ledger:AllowedHosts adds names (a reverse proxy's, say); a wildcard there stops the app from starting.</summary>
public sealed class AllowedHostsSettingTests
{
    [Fact]
    public async Task ANameFromTheSetting_IsAccepted_WhileOthersStillAreNot()
    {
        await using var factory = await LedgerApiFactory.CreateAsync(settings: new Dictionary<string, string> { ["Ledger:AllowedHosts"] = "ledger.example.com" });
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "ledger.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "localhost")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(client, "evil.example")).StatusCode);
    }

    [Fact]
    public async Task AWildcardInTheSetting_StopsTheStart()
    {
        await using var factory = await LedgerApiFactory.CreateAsync(settings: new Dictionary<string, string> { ["Ledger:AllowedHosts"] = "*" });

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Ledger:AllowedHosts", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }
}
