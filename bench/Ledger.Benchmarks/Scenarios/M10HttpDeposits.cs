using System.Net.Http.Json;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M9: the real app (Kestrel and the JSON API, as a child process, synchronous=FULL) taking deposits on
/// 64 accounts from one connection, then from 64 at once, alternating in the same run: what a new user
/// with a load generator sees, and what group commit has to turn into throughput (issue 15: ≥ 4×).
/// </summary>
public sealed class M10HttpDeposits(BenchEngine engine) : Scenario(engine.Id("M10"), engine.Title("Deposits over HTTP, 1 and 64 connections"))
{
    private const int Accounts = 64;

    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var deposits = context.Quick ? 256 : 3_840;
        var repetitions = context.Quick ? 1 : 3;
        var database = await engine.NewDatabaseAsync(context, "m9-http");
        await using var app = await LedgerWebProcess.StartAsync(new LedgerWebStartInfo(database)
        {
            Environment = "Production",
            WorkingDirectory = Path.GetDirectoryName(LedgerWebBuild.Dll())!,
            ReadinessPath = "/health",
            StartTimeout = TimeSpan.FromSeconds(90),
        });
        using var one = Client(app, 1);
        using var many = Client(app, Accounts);
        for (var a = 0; a < Accounts; a++)
        {
            using var opened = await one.PostAsJsonAsync("/api/accounts", new { accountId = Account(a), holderId = "m9", currency = "EUR", initialDeposit = 0 });
            opened.EnsureSuccessStatusCode();
        }

        var failures = 0;
        var sent = 0;
        async Task<Latencies> ClientAsync(HttpClient http, int first, int step, int count)
        {
            var latencies = new Latencies();
            for (var i = 0; i < count; i++)
            {
                var account = Account((first + (i * step)) % Accounts);
                var reference = "M9-" + Interlocked.Increment(ref sent);
                await latencies.TimeAsync(async () =>
                {
                    using var response = await http.PostAsJsonAsync($"/api/accounts/{account}/deposits", new { amount = 1, transactionReference = reference });
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
            }

            return latencies;
        }

        async Task<(double Rate, Latencies Latencies)> RunAsync(HttpClient http, int connections)
        {
            var t0 = Stopwatch.GetTimestamp();
            var parts = await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(() => ClientAsync(http, c, connections == 1 ? 1 : Accounts, deposits / connections))));
            var rate = deposits / Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var all = new Latencies();
            foreach (var part in parts)
            {
                all.AddRange(part);
            }

            return (rate, all);
        }

        await RunAsync(one, 1);
        await RunAsync(many, Accounts);
        failures = 0;
        var single = new List<double>();
        var concurrent = new List<double>();
        Latencies singleLatency = new(), concurrentLatency = new();
        for (var rep = 0; rep < repetitions; rep++)
        {
            var s = await RunAsync(one, 1);
            single.Add(s.Rate);
            singleLatency.AddRange(s.Latencies);
            var c = await RunAsync(many, Accounts);
            concurrent.Add(c.Rate);
            concurrentLatency.AddRange(c.Latencies);
            RunContext.Progress($"{Id} rep {rep + 1}: 1 connection {single[^1]:N0}, {Accounts} connections {concurrent[^1]:N0} deposits/s");
        }

        var (one1, many64) = (Stats.Median(single), Stats.Median(concurrent));
        Row[] rows =
        [
            new(Id, engine.Prefix + $"durable deposits/s over HTTP, {Accounts} connections on {Accounts} accounts (p50 / p99 latency)",
                $"{Format.Rate(many64, "deposit")} ({Format.Ms(concurrentLatency.P50)} / {Format.Ms(concurrentLatency.P99)})",
                $"{Format.Rate(one1, "deposit")} one connection ({Format.Ms(singleLatency.P50)} / {Format.Ms(singleLatency.P99)})",
                Format.Ratio(many64 / one1), "≥ 4× one connection", Row.Check(many64 >= 4 * one1), $"{failures} non-2xx answers"),
        ];
        var setup = $"the app as a child process (Production, {(engine.IsPostgres ? "synchronous_commit=on" : "WAL, synchronous=FULL")}), {Accounts} accounts; "
            + $"{repetitions} reps of {deposits} deposits from one HttpClient connection (round robin over the accounts), alternating with the same "
            + $"number from {Accounts} connections at once, each on its own account; the client runs in the benchmark process on the same 2 cores.";
        return new Measurement(rows, setup, engine.IsPostgres ? Readings.M10 + Readings.M10Postgres : Readings.M10);
    }

    private static string Account(int a) => $"M9-{a:D2}";

    private static HttpClient Client(LedgerWebProcess app, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = app.BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
}
