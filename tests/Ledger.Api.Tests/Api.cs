using System.Globalization;

namespace Ledger.Api.Tests;

/// <summary>Small helpers for talking to the API the way a script would: JSON text in, JSON out.</summary>
public static class Api
{
    public static string NewId(string prefix = "acc") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 64)];

    public static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body, params (string Name, string Value)[] headers) =>
        client.PostRawAsync(url, Json(body), headers);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).OkJsonAsync();

    /// <summary>Asserts the response is the contract's problem+json with this status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>A 400 validation_failed whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected errors to name '{field}': {errors}");
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        return problem;
    }

    public static async Task<long> EventCountAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/api/status")).GetProperty("eventCount").GetInt64();

    /// <summary>Runs a request that must be refused and checks that it appended no event.</summary>
    public static async Task<HttpResponseMessage> RefusedAsync(this HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var before = await client.EventCountAsync();
        var response = await send(client);
        Assert.False(response.IsSuccessStatusCode, $"Expected a refusal, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await client.EventCountAsync());
        return response;
    }

    public static async Task<JsonElement> OpenAsync(this HttpClient client, string accountId, decimal initialDeposit = 100m, string currency = "EUR", string holderId = "holder-1", string? holderName = null) =>
        await (await client.PostAsync("/api/accounts", new { accountId, holderId, holderName, currency, initialDeposit })).OkJsonAsync(HttpStatusCode.Created);

    /// <summary>Opens an account under a new id (as <see cref="OpenAsync"/> does) and returns the id.</summary>
    public static async Task<string> OpenNewAsync(this HttpClient client, decimal initialDeposit = 100m, string currency = "EUR")
    {
        var id = NewId();
        await client.OpenAsync(id, initialDeposit, currency);
        return id;
    }

    public static async Task<JsonElement> DepositAsync(this HttpClient client, string accountId, decimal amount, string reference = "ref-1") =>
        await (await client.PostAsync($"/api/accounts/{accountId}/deposits", new { amount, transactionReference = reference })).OkJsonAsync();

    /// <summary>The account's balance as the API reports it now.</summary>
    public static async Task<decimal> BalanceAsync(this HttpClient client, string accountId) =>
        (await client.GetJsonAsync($"/api/accounts/{accountId}")).GetProperty("balance").GetDecimal();

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>Where a page of a list stands: its number, its size, and how many items match in all.</summary>
    public static (int Page, int PageSize, int Total) Paging(this JsonElement page) =>
        (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt32());

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static string Quoted(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static HttpContent JsonContent(string text) => new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
