namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 11, items 3 and 8, against the real app: a resend under the same Idempotency-Key that means the
/// same thing (properties in another order, amounts spelled another way, other white space) replays the
/// first answer and writes nothing; one that asks for another amount is refused as a reused key.
/// </summary>
public sealed class SameMeaningBodyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ResendsThatMeanTheSame_Replay_AndOnesThatDoNot_AreRefused()
    {
        var seed = Seeds.Resolve(1130);
        var rounds = Soak.Size("SAME_MEANING", ci: 60, soak: 2_000);
        await Seeds.RunAsync(seed, async () =>
        {
            await using var database = await TestDatabase.NewAsync("ledger-rel");
            var (app, _) = await AppProcess.StartAsync(database);
            await using var _app = app;
            using var http = app.CreateClient();
            var random = new Random(seed);
            foreach (var (id, deposit) in new[] { ("SM-A", 1_000m), ("SM-B", 1_000m) })
            {
                await SendAsync(http, "/api/accounts", $$"""{"accountId":"{{id}}","holderId":"h","currency":"EUR","initialDeposit":{{deposit}}}""", null);
            }

            var replays = 0;
            for (var round = 0; round < rounds; round++)
            {
                var amount = random.Next(1, 5_000) / 100m;
                var (path, fields) = random.Next(3) switch
                {
                    0 => ("/api/accounts/SM-A/deposits", new[] { ("amount", Number(amount)), ("transactionReference", $"\"r-{round}\""), ("description", "\"same meaning\"") }),
                    1 => ("/api/accounts/SM-A/withdrawals", new[] { ("amount", Number(amount)), ("transactionReference", $"\"r-{round}\"") }),
                    _ => ("/api/transfers", new[] { ("fromAccountId", "\"SM-A\""), ("toAccountId", "\"SM-B\""), ("amount", Number(amount)) }),
                };
                var key = $"same-{seed}-{round}";
                var first = await SendAsync(http, path, Spell(fields, random, amount), key);
                var events = await EventCountAsync(http);

                var again = await SendAsync(http, path, Spell(fields, random, amount), key);
                Assert.Equal(first.Status, again.Status);
                Assert.Equal(first.Body, again.Body);
                Assert.Equal("true", again.Replayed);
                Assert.Equal(events, await EventCountAsync(http));
                replays++;

                var other = await SendAsync(http, path, Spell(fields, random, amount + 0.01m), key);
                Assert.Equal(HttpStatusCode.Conflict, other.Status);
                Assert.Contains("idempotency_key_reused", other.Body, StringComparison.Ordinal);
                Assert.Equal(events, await EventCountAsync(http));
            }

            Figures.Report(output, nameof(ResendsThatMeanTheSame_Replay_AndOnesThatDoNot_AreRefused), new { seed, rounds, replays });
        });
    }

    /// <summary>The same fields in a random order, the amount in a random spelling, random white space.</summary>
    private static string Spell((string Name, string Value)[] fields, Random random, decimal amount)
    {
        var body = new StringBuilder("{");
        foreach (var (name, value, i) in fields.OrderBy(_ => random.Next()).Select((f, i) => (f.Name, f.Value, i)))
        {
            var spelled = name == "amount" ? Spellings(amount)[random.Next(Spellings(amount).Length)] : value;
            body.Append(i == 0 ? "" : ",").Append(Space(random)).Append('"').Append(name).Append('"').Append(Space(random)).Append(':').Append(Space(random)).Append(spelled);
        }

        return body.Append(Space(random)).Append('}').ToString();
    }

    /// <summary>Ways to write one exact amount in JSON: trailing zeros, exponents of either case and sign.</summary>
    private static string[] Spellings(decimal amount)
    {
        var cents = (long)(amount * 100);
        return
        [
            Number(amount),
            Number(amount) + (Number(amount).Contains('.', StringComparison.Ordinal) ? "000" : ".000"),
            cents.ToString(CultureInfo.InvariantCulture) + "e-2",
            cents.ToString(CultureInfo.InvariantCulture) + "0E-3",
            (amount / 10m).ToString(CultureInfo.InvariantCulture) + "e+1",
        ];
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Space(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => " ",
        2 => "\n  ",
        _ => "\t",
    };

    private static async Task<(HttpStatusCode Status, string Body, string? Replayed)> SendAsync(HttpClient http, string path, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{path} {json}: {(int)response.StatusCode} {body}");
        return (response.StatusCode, body, response.Headers.TryGetValues("Idempotency-Replayed", out var values) ? values.Single() : null);
    }

    private static async Task<long> EventCountAsync(HttpClient http)
    {
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        return status.RootElement.GetProperty("eventCount").GetInt64();
    }
}
