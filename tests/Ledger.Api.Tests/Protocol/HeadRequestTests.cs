namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Every read answers HEAD as GET does, without the content (RFC 9110 §9.3.2): the same status and the same
/// headers a monitor or a cache looks at, and a refusal is the same refusal. It never writes anything.
/// </summary>
public sealed class HeadRequestTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("/api/accounts")]
    [InlineData("/api/accounts/{id}")]
    [InlineData("/api/accounts/{id}/events")]
    [InlineData("/api/accounts/{id}/state?version=1")]
    [InlineData("/api/accounts/{id}/statement")]
    [InlineData("/api/accounts/{id}/statement?format=csv")]
    [InlineData("/api/accounts/{id}/explain")]
    [InlineData("/api/balances")]
    [InlineData("/api/compare?from=2020-01-01T00:00:00Z")]
    [InlineData("/api/events")]
    [InlineData("/api/status")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    public async Task Head_AnswersAsGetDoes_WithoutTheContent(string template)
    {
        var id = await Client.OpenNewAsync();
        var path = template.Replace("{id}", id, StringComparison.Ordinal);
        var before = await Client.EventCountAsync();

        using var get = await Client.GetAsync(path);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.ETag(), head.ETag());
        Assert.Equal(get.Header("Ledger-Position"), head.Header("Ledger-Position"));
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(before, await Client.EventCountAsync());
    }

    [Fact]
    public async Task Head_OnAnAccountThatDoesNotExist_Is404_AsGetIs()
    {
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/accounts/" + Api.NewId()));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal("application/problem+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_WithBadInput_IsTheSame400_AsGet()
    {
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/balances?pageSize=0"));

        Assert.Equal(HttpStatusCode.BadRequest, head.StatusCode);
        Assert.Equal("application/problem+json", head.Content.Headers.ContentType?.MediaType);
    }
}
