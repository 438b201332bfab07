using Ledger.Reliability.Tests.Operations;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 13, faults: the real app (a child process) on a PostgreSQL server of the test class's own, which
/// the tests stop, crash and restart. While the server is away every request is answered 503
/// database_unavailable with Retry-After and nothing is half-written; once it is back the same app, never
/// restarted, serves again and catch-up repairs the projections. Clients resend what got no answer with
/// the same Idempotency-Key, so every acknowledged deposit is there exactly once.
/// </summary>
public sealed class PostgresOutageTests(DedicatedPostgres server, ITestOutputHelper output) : IClassFixture<DedicatedPostgres>
{
    private const string Why = "stops, crashes and restarts a PostgreSQL server of its own";
    private const int Clients = 4;
    private const int Accounts = 4;
    private static readonly int Restarts = Soak.Size("PG_RESTARTS", ci: 3, soak: 30);

    [PostgresOnlyFact(Why)]
    public async Task ServerDownWhileRunning_RequestsAre503Unavailable_AndTheSameAppRecovers()
    {
        await using var database = await server.NewDatabaseAsync("ledger-outage");
        var (app, _) = await AppProcess.StartAsync(database);
        await using var running = app;
        using var http = app.CreateClient();
        foreach (var id in new[] { "OUT-A", "OUT-B" })
        {
            using var opened = await ResendingClient.PostAsync(http, "/api/accounts", new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 100 }, "open-" + id);
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        (string Path, object Body, string Key)[] commands =
        [
            ("/api/accounts/OUT-A/deposits", new { amount = 10, transactionReference = "during-outage" }, "deposit-1"),
            ("/api/transfers", new { fromAccountId = "OUT-A", toAccountId = "OUT-B", amount = 30 }, "transfer-1"),
        ];
        await server.DownAsync();
        foreach (var (path, body, key) in commands)
        {
            await ResendingClient.AssertUnavailableAsync(await ResendingClient.PostAsync(http, path, body, key), path);
        }

        await ResendingClient.AssertUnavailableAsync(await http.GetAsync(new Uri("/api/accounts/OUT-A", UriKind.Relative)), "GET account");
        await ResendingClient.AssertUnavailableAsync(await http.GetAsync(new Uri("/health", UriKind.Relative)), "GET /health");

        await server.UpAsync();
        var resender = new ResendingClient();
        foreach (var (path, body, key) in commands)
        {
            using var answered = await resender.SendUntilAnsweredAsync(http, path, body, key);
            Assert.True(answered.StatusCode == HttpStatusCode.OK, $"{key} after the outage: {(int)answered.StatusCode} {await answered.Content.ReadAsStringAsync()}");
        }

        Assert.False(app.HasExited, "the app exited; it must ride out the outage");
        await WaitForCatchUpAsync(http);
        Assert.Equal(80m, (await GetJsonAsync(http, "/api/accounts/OUT-A")).GetProperty("balance").GetDecimal());
        Assert.Equal(130m, (await GetJsonAsync(http, "/api/accounts/OUT-B")).GetProperty("balance").GetDecimal());
        var effects = LedgerChecks.EventsByCommand(database);
        Assert.Equal(["MoneyDeposited"], effects["deposit-1"]);
        Assert.Equal(["TransferInitiated", "TransferReceived"], effects["transfer-1"].Order(StringComparer.Ordinal));
        LedgerChecks.AssertContiguous(database);
        LedgerChecks.AssertTransfersHaveBothLegs(database);
        LedgerChecks.AssertReadModelEqualsReplay(database);
        Figures.Report(output, nameof(ServerDownWhileRunning_RequestsAre503Unavailable_AndTheSameAppRecovers), new { resendsAfterTheServerCameBack = resender.Total });
    }

    [PostgresOnlyFact(Why)]
    public async Task ServerRestartedImmediatelyUnderLoad_EveryAcknowledgedDepositIsThereExactlyOnce()
    {
        await Seeds.WithSeedAsync(20_261_201, async seed =>
        {
            await using var database = await server.NewDatabaseAsync("ledger-restart");
            var (app, _) = await AppProcess.StartAsync(database);
            try
            {
                using var http = app.CreateClient();
                var resender = new ResendingClient();
                for (var a = 0; a < Accounts; a++)
                {
                    using var opened = await ResendingClient.PostAsync(http, "/api/accounts", new { accountId = Account(a), holderId = "h", currency = "EUR", initialDeposit = 0 }, $"open-{a}");
                    Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
                }

                var acknowledged = new ConcurrentDictionary<string, (string Account, decimal Amount)>(StringComparer.Ordinal);
                using var stop = new CancellationTokenSource();
                var random = new Random(seed);
                var clientSeeds = Enumerable.Range(0, Clients).Select(_ => random.Next()).ToArray();
                var clients = Enumerable.Range(0, Clients)
                    .Select(c => Task.Run(() => ClientAsync(http, c, new Random(clientSeeds[c]), acknowledged, resender, stop.Token)))
                    .ToArray();
                var recoveries = new List<double>();
                for (var restart = 0; restart < Restarts; restart++)
                {
                    await WaitUntilAsync(() => acknowledged.Count >= (restart + 1) * 50, clients, "deposits before the restart");
                    var before = acknowledged.Count;
                    var started = Stopwatch.GetTimestamp();
                    await server.RestartImmediateAsync();
                    await WaitUntilAsync(() => acknowledged.Count >= before + Clients * 3, clients, "deposits after the restart");
                    recoveries.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                // Each client finishes the deposit it is sending (resending until it is acknowledged), then stops.
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                Assert.False(app.HasExited, "the app exited; it must ride out the restarts");

                var effects = LedgerChecks.EventsByCommand(database);
                foreach (var (key, deposit) in acknowledged)
                {
                    Assert.True(effects.TryGetValue(key, out var events) && events.Count == 1, $"acknowledged deposit {key} has {effects.GetValueOrDefault(key)?.Count ?? 0} events");
                }

                // Nothing but the openings and the acknowledged deposits, none twice.
                Assert.Equal(acknowledged.Count + Accounts, effects.Count);
                Assert.All(effects, e => Assert.Single(e.Value));
                await WaitForCatchUpAsync(http);
                for (var a = 0; a < Accounts; a++)
                {
                    var expected = acknowledged.Values.Where(d => d.Account == Account(a)).Sum(d => d.Amount);
                    Assert.Equal(expected, (await GetJsonAsync(http, $"/api/accounts/{Account(a)}")).GetProperty("balance").GetDecimal());
                }

                LedgerChecks.AssertContiguous(database);
                LedgerChecks.AssertReadModelEqualsReplay(database);
                Figures.Report(output, nameof(ServerRestartedImmediatelyUnderLoad_EveryAcknowledgedDepositIsThereExactlyOnce), new
                {
                    seed,
                    restarts = Restarts,
                    clients = Clients,
                    acknowledged = acknowledged.Count,
                    answered503Unavailable = resender.Unavailable,
                    answered503Busy = resender.Busy,
                    connectionErrors = resender.ConnectionErrors,
                    replayedAfterResend = resender.Replayed,
                    recoveryMsP50 = Stats.Percentile(recoveries, 50),
                    recoveryMsMax = recoveries.Max(),
                });
            }
            catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}app output:{Environment.NewLine}{app.Output}", failure);
            }
            finally
            {
                await app.DisposeAsync();
            }
        });
    }

    [PostgresOnlyFact(Why)]
    public async Task ServerDownAtStart_TheAppSaysWhyInOneLine_AndExitsNonZero()
    {
        // A port nothing listens on: the server is down (the same as stopped, for a client).
        var password = $"secret-{Guid.NewGuid():N}";
        var port = AppProcess.FreePort();
        var result = await LedgerCli.RunAsync(
            "--postgres", $"Host=127.0.0.1;Port={port};Username=ledger;Password={password};Database=ledger;Timeout=5",
            "--urls", $"http://127.0.0.1:{AppProcess.FreePort()}");

        Assert.NotEqual(0, result.ExitCode);
        var why = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("Ledger cannot start:", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}/ledger", why, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    private static string Account(int a) => $"RESTART-{a}";

    /// <summary>Deposits with keys of its own, each resent (same key) until acknowledged, until told to stop.</summary>
    private static async Task ClientAsync(
        HttpClient http, int client, Random random, ConcurrentDictionary<string, (string, decimal)> acknowledged, ResendingClient resender, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var key = $"c{client}-{n}";
            var account = Account(random.Next(Accounts));
            var amount = random.Next(1, 10_000) / 100m;
            using var response = await resender.SendUntilAnsweredAsync(http, $"/api/accounts/{account}/deposits", new { amount, transactionReference = key }, key);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"deposit {key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            acknowledged[key] = (account, amount);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative)));
        return json.RootElement.Clone();
    }

    /// <summary>Polls /api/status (through any 503 while connections are renewed) until every projection's lag is 0.</summary>
    private static async Task WaitForCatchUpAsync(HttpClient http)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/api/status", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (status.RootElement.GetProperty("projections").EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0))
                {
                    return;
                }
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "projections did not catch up within 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls a condition; a client that failed ends the wait with its own error.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Task[] clients, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (clients.FirstOrDefault(c => c.IsFaulted) is { } failed)
            {
                await failed;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(120), $"waited 120 s for {what}");
            await Task.Delay(20);
        }
    }
}
