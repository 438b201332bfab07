using System.Globalization;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Ledger-Position on a read: the read answers once the read model reflects that position (a client behind a
/// load balancer passes its command's answer along; the PostgreSQL suite reads through a second instance, see
/// Reliability's ReadPositionAcrossInstancesTests). A position not written yet, or not a position, is refused
/// at once rather than waited for.
/// </summary>
public sealed class ReadPositionTests(ApiFixture fixture) : ApiTest(fixture)
{
    /// <summary>Only that a position just answered is accepted (the head check is no off-by-one): on this instance its own answers are waited for anyway.</summary>
    [Fact]
    public async Task AReadNamingTheAnswersPosition_IsAnswered()
    {
        var id = await Client.OpenNewAsync(10m);
        var deposited = await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 5, transactionReference = "rp-1" });
        Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);

        var read = await GetAsync($"/api/accounts/{id}", deposited.Header("Ledger-Position")!);

        Assert.Equal(15m, (await read.OkJsonAsync()).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task APositionNotWrittenYet_IsRefusedAtOnce()
    {
        var id = await Client.OpenNewAsync(10m);
        var head = (await Client.GetJsonAsync("/api/status")).GetProperty("headPosition").GetInt64();

        var refused = await GetAsync($"/api/accounts/{id}", (head + 1_000).ToString(CultureInfo.InvariantCulture));

        var problem = await refused.ValidationProblemAsync("Ledger-Position");
        Assert.Contains("has not been written yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("+5")]
    public async Task NotAPosition_IsAValidationFailure(string value)
    {
        var id = await Client.OpenNewAsync(10m);

        var refused = await GetAsync($"/api/accounts/{id}", value);

        await refused.ValidationProblemAsync("Ledger-Position");
    }

    [Fact]
    public async Task TwoPositions_AreAValidationFailure()
    {
        var id = await Client.OpenNewAsync(10m);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{id}");
        request.Headers.TryAddWithoutValidation("Ledger-Position", ["1", "2"]);

        await (await Client.SendAsync(request)).ValidationProblemAsync("Ledger-Position");
    }

    [Fact]
    public async Task ACommand_IgnoresIt()
    {
        var id = await Client.OpenNewAsync(10m);

        var deposited = await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "rp-3" }, ("Ledger-Position", "not a position"));

        Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
    }

    /// <summary>A read the read model did not catch up with in time (ReadFenceTests makes one) is a 503 to try again, not a 422 refusal.</summary>
    [Fact]
    public void AReadModelBehindTheNamedPosition_IsServiceUnavailable()
    {
        Assert.Equal(503, Ledger.Web.Api.ProblemMapping.StatusFor(Ledger.Infrastructure.Application.Commands.CommandErrorCodes.ReadModelBehind));
    }

    private Task<HttpResponseMessage> GetAsync(string url, string position)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Ledger-Position", position);
        return Client.SendAsync(request);
    }
}
