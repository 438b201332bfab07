namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// A client that rides out a database outage as the API contract asks: it resends with the same
/// Idempotency-Key through 503s and broken connections, and counts what it met on the way.
/// </summary>
internal sealed class ResendingClient
{
    public int Unavailable;
    public int Busy;
    public int ConnectionErrors;
    public int Replayed;

    public int Total => Unavailable + Busy + ConnectionErrors;

    /// <summary>
    /// Sends with the Idempotency-Key until an answer other than 503 comes back, as a client that honours
    /// Retry-After does (sooner than it asks, to keep the test short). Every 503 must be the contract's.
    /// </summary>
    public async Task<HttpResponseMessage> SendUntilAnsweredAsync(HttpClient http, string path, object body, string key)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(120 * Stopwatch.Frequency);
        for (var first = true; ; first = false)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"{key} got no answer but 503 or a broken connection for 120 s");
            if (!first)
            {
                await Task.Delay(50);
            }

            HttpResponseMessage response;
            try
            {
                response = await PostAsync(http, path, body, key);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref ConnectionErrors);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                if (!first && response.Headers.Contains("Idempotency-Replayed"))
                {
                    Interlocked.Increment(ref Replayed);
                }

                return response;
            }

            var code = await AssertUnavailableAsync(response, key, alsoBusy: true);
            Interlocked.Increment(ref code == "database_busy" ? ref Busy : ref Unavailable);
        }
    }

    /// <summary>The contract's 503: problem JSON, Retry-After, and database_unavailable (or database_busy when allowed).</summary>
    public static async Task<string> AssertUnavailableAsync(HttpResponseMessage response, string what, bool alsoBusy = false)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero, $"{what}: 503 without Retry-After");
            using var problem = JsonDocument.Parse(text);
            var code = problem.RootElement.GetProperty("code").GetString()!;
            Assert.True(code == "database_unavailable" || (alsoBusy && code == "database_busy"), $"{what}: 503 with code {code}: {text}");
            return code;
        }
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
