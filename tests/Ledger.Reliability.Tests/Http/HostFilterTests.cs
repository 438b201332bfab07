namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 11, item 1, against real Kestrel: the app started on a loopback port accepts only the loopback names with
/// that port. A DNS-rebinding page reaches 127.0.0.1 under its own name, so its requests are answered 400 and
/// change nothing; a page on another site that posts to the right name is 403.
/// </summary>
public sealed class HostFilterTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private LedgerWebProcess app = null!;
    private HttpClient http = null!;
    private int port;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.NewAsync("ledger-rel");
        (app, _) = await AppProcess.StartAsync(database);
        http = app.CreateClient();
        port = app.BaseUrl.Port;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ARebindingHost_Gets400_FromRealKestrel_AndItsDepositWritesNothing()
    {
        await OpenAsync("HF-1");
        var before = await EventCountAsync();

        using var page = await SendAsync(HttpMethod.Get, "/", $"evil.example:{port}", null);
        using var deposit = await SendAsync(HttpMethod.Post, "/api/accounts/HF-1/deposits", $"evil.example:{port}", $"http://evil.example:{port}",
            """{"amount":10,"transactionReference":"rebound"}""");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deposit.StatusCode);
        Assert.Equal("host_not_allowed", JsonDocument.Parse(await deposit.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(before, await EventCountAsync());
        Assert.Contains("is not an address this ledger listens on", app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:{0}", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:{0}", HttpStatusCode.OK)]
    [InlineData("[::1]:{0}", HttpStatusCode.OK)]
    [InlineData("localhost:{1}", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    [InlineData("evil.example:{0}", HttpStatusCode.BadRequest)]
    public async Task OnlyTheLoopbackNamesWithTheListeningPort_AreAccepted(string host, HttpStatusCode expected)
    {
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, host, port, port == 5399 ? 5398 : port + 1);

        using var response = await SendAsync(HttpMethod.Get, "/health", value, null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADepositFromAPageOnAnotherSite_Gets403_AndWritesNothing()
    {
        await OpenAsync("HF-2");
        var before = await EventCountAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/accounts/HF-2/deposits", $"127.0.0.1:{port}", "http://evil.example",
            """{"amount":10,"transactionReference":"cross-site"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await EventCountAsync());
    }

    private async Task OpenAsync(string id)
    {
        using var opened = await SendAsync(HttpMethod.Post, "/api/accounts", $"localhost:{port}", null, $$"""{"accountId":"{{id}}","holderId":"h","currency":"EUR","initialDeposit":100}""");
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string host, string? origin, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private async Task<long> EventCountAsync() =>
        JsonDocument.Parse(await http.GetStringAsync("/api/status")).RootElement.GetProperty("eventCount").GetInt64();
}
