namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// A command body is UTF-8 JSON (RFC 8259): a byte order mark before it is ignored, as the RFC allows and
/// Windows tools send; a body declared in another charset is refused naming the body, not misread as UTF-8.
/// </summary>
public sealed class BodyEncodingTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string DepositJson = "{\"amount\": 5, \"transactionReference\": \"r\u00e9f\"}";

    [Fact]
    public async Task ABodyStartingWithAUtf8ByteOrderMark_IsReadAsTheJsonAfterIt()
    {
        var id = await Client.OpenNewAsync(100m);
        var content = Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(DepositJson)], "application/json");

        var response = await Client.PostAsync($"/api/accounts/{id}/deposits", content);

        Assert.Equal(105m, (await response.OkJsonAsync()).GetProperty("balance").GetDecimal());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("utf8")]
    [InlineData("\"utf-8\"")]
    public async Task ABodyDeclaredAsUtf8_IsAccepted(string charset)
    {
        var id = await Client.OpenNewAsync(100m);
        var content = Bytes(Encoding.UTF8.GetBytes(DepositJson), $"application/json; charset={charset}");

        var response = await Client.PostAsync($"/api/accounts/{id}/deposits", content);

        await response.OkJsonAsync();
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    [InlineData("us-ascii")]
    public async Task ABodyDeclaredInAnotherCharset_Is400NamingTheBody_AndWritesNothing(string charset)
    {
        var id = await Client.OpenNewAsync(100m);
        var encoding = Encoding.GetEncoding(charset);
        var content = Bytes(encoding.GetBytes(DepositJson), $"application/json; charset={charset}");

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/deposits", content));

        var problem = await response.ValidationProblemAsync("body");
        Assert.Contains($"charset={charset}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(100m, await Client.BalanceAsync(id));
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
