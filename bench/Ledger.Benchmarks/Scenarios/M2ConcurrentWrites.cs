using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ledger.Benchmarks.Harness;
using Ledger.Domain;
using Ledger.Infrastructure.Application.Commands;
using Ledger.TestSupport;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M2: 16 clients at once, each on its own account, then all 16 on one hot account, against one client
/// sending the same number of commands (M1's path) in the same run. Every exception that reaches a
/// caller is counted by kind; an SQLITE_BUSY among them is a failure whatever the throughput.
/// </summary>
public sealed class M2ConcurrentWrites(BenchEngine engine) : IScenario
{
    private const int Clients = 16;

    public string Id => engine.Id("M2");

    public string Title => engine.IsPostgres ? "Concurrent commands, 16 clients, on PostgreSQL" : "Concurrent commands, 16 clients";

    public async Task<ScenarioResult> RunAsync(RunContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var sizes = context.Sizes;
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "FULL", await engine.NewDatabaseAsync(context, "m2-ledger"));
        await using var raw = engine.IsPostgres ? await RawClients.StartAsync(engine, context, Clients) : null;
        var accounts = Enumerable.Range(0, Clients).Select(i => $"M2-{i:D2}").ToArray();
        foreach (var id in accounts)
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "H-" + id, "Holder " + id, "EUR", 0m));
        }

        const string hot = "M2-HOT";
        await ledger.Mediator.Send(new OpenAccountCommand(hot, "H-HOT", "Hot Holder", "EUR", 0m));
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;

        async Task ClientAsync(string accountId, int commands, Latencies latencies)
        {
            for (var i = 0; i < commands; i++)
            {
                try
                {
                    await latencies.TimeAsync(async () => await ledger.Mediator.Send(
                        new DepositMoneyCommand(accountId, 1m, "M2-" + Interlocked.Increment(ref sent))));
                }
                catch (Exception exception)
                {
                    failures.AddOrUpdate(Describe(exception), 1, (_, n) => n + 1);
                }
            }
        }

        async Task<(double Rate, Latencies Latencies)> RunAsync(Func<int, string> accountOf, int clients)
        {
            var total = Clients * sizes.M2CommandsPerClient;
            var perClient = total / clients;
            var latencies = Enumerable.Range(0, clients).Select(_ => new Latencies()).ToArray();
            var t0 = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(accountOf(c), perClient, latencies[c]))));
            var rate = total / Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var all = new Latencies();
            foreach (var l in latencies)
            {
                all.AddRange(l);
            }

            return (rate, all);
        }

        // Warm-up: both modes, so the catch-up path a hot account sometimes takes is compiled too.
        await RunAsync(c => accounts[c], Clients);
        await RunAsync(_ => hot, Clients);
        if (raw is not null)
        {
            await raw.RunAsync(1, Clients * sizes.M2CommandsPerClient);
            await raw.RunAsync(Clients, Clients * sizes.M2CommandsPerClient);
        }

        failures.Clear();

        // The ledger's own metrics say what happened inside: optimistic-concurrency conflicts, and catch-up
        // replays (a projection delivery that arrived after a later one and was filled in from the store).
        var counters = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var mode = "";
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "ledger.concurrency.conflicts" or "ledger.projections.replay.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counters.AddOrUpdate($"{mode} {instrument.Name}", value, (_, n) => n + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => counters.AddOrUpdate($"{mode} {instrument.Name}", 1, (_, n) => n + 1));
        listener.Start();

        var rawSingle = new List<double>();
        var rawConcurrent = new List<double>();
        var single = new List<double>();
        var distinct = new List<double>();
        var hotRates = new List<double>();
        Latencies distinctLatency = new(), hotLatency = new();
        for (var rep = 0; rep < sizes.M2Repetitions; rep++)
        {
            if (raw is not null)
            {
                rawSingle.Add(await raw.RunAsync(1, Clients * sizes.M2CommandsPerClient));
                rawConcurrent.Add(await raw.RunAsync(Clients, Clients * sizes.M2CommandsPerClient));
            }

            mode = "one client";
            single.Add((await RunAsync(_ => accounts[0], 1)).Rate);
            mode = "distinct";
            var d = await RunAsync(c => accounts[c], Clients);
            distinct.Add(d.Rate);
            distinctLatency.AddRange(d.Latencies);
            mode = "hot";
            var h = await RunAsync(_ => hot, Clients);
            hotRates.Add(h.Rate);
            hotLatency.AddRange(h.Latencies);
            RunContext.Progress($"{Id} rep {rep + 1}: 1 client {single[^1]:N0}, 16 distinct {distinct[^1]:N0}, 16 hot {hotRates[^1]:N0} cmd/s"
                + (raw is null ? "" : $"; raw 1 client {rawSingle[^1]:N0}, 16 clients {rawConcurrent[^1]:N0} tx/s"));
        }

        listener.Dispose();
        long Count(string m, string instrument) => counters.GetValueOrDefault($"{m} {instrument}");
        string Inside(string m) => $"{Count(m, "ledger.concurrency.conflicts")} conflicts, {Count(m, "ledger.projections.replay.duration")} catch-up replays";
        var baseline = Stats.Median(single);
        var busy = failures.Where(f => f.Key.Contains("BUSY", StringComparison.Ordinal) || f.Key.Contains("LOCKED", StringComparison.Ordinal)).Sum(f => f.Value);
        var failureText = failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}"));
        var rows = engine.IsPostgres
            ? PostgresRows(Stats.Median(single), Stats.Median(distinct), Stats.Median(hotRates), Stats.Median(rawSingle), Stats.Median(rawConcurrent),
                distinctLatency, hotLatency, Inside, failures)
            : new List<Row>
        {
            new("M2", "16 clients, distinct accounts (p50 / p99 latency)",
                $"{Format.Rate(Stats.Median(distinct), "cmd")} ({Format.Ms(distinctLatency.P50)} / {Format.Ms(distinctLatency.P99)})",
                Format.Rate(baseline, "cmd") + " one client (M1 path)", Format.Ratio(Stats.Median(distinct) / baseline), "report", Verdict.Report, Inside("distinct") + " over all reps"),
            new("M2", "16 clients, one hot account (p50 / p99 latency)",
                $"{Format.Rate(Stats.Median(hotRates), "cmd")} ({Format.Ms(hotLatency.P50)} / {Format.Ms(hotLatency.P99)})",
                Format.Rate(baseline, "cmd") + " one client (M1 path)", Format.Ratio(Stats.Median(hotRates) / baseline), "report", Verdict.Report, Inside("hot") + " over all reps"),
            new("M2", "SQLITE_BUSY reaching a caller",
                Format.Count(busy), "—", "—", "0", Row.Check(busy == 0), "failures seen by callers: " + failureText),
        };
        var setup = $"{sizes.M2Repetitions} reps; each rep sends {Clients * sizes.M2CommandsPerClient} deposits three ways: one client, "
            + $"{Clients} clients on {Clients} accounts, {Clients} clients on one account; " + (engine.IsPostgres
                ? $"synchronous_commit=on; alternating with the same number of raw single-row INSERT transactions from one connection and from {Clients} at once."
                : "WAL, synchronous=FULL.");
        return new ScenarioResult(Id, Title, rows, setup, engine.IsPostgres ? Readings.M2Postgres : Readings.M2, Stopwatch.GetElapsedTime(started));
    }

    private List<Row> PostgresRows(
        double single, double distinct, double hot, double rawSingle, double rawConcurrent, Latencies distinctLatency, Latencies hotLatency,
        Func<string, string> inside, ConcurrentDictionary<string, int> failures)
    {
        var failed = failures.Values.Sum();
        return
        [
            new(Id, engine.Prefix + "one client", Format.Rate(single, "cmd"), Format.Rate(rawSingle, "tx") + " raw 1-row INSERT tx, one connection",
                Format.Ratio(single / rawSingle), "report", Verdict.Report, inside("one client") + " over all reps"),
            new(Id, engine.Prefix + "16 clients, distinct accounts (p50 / p99 latency)",
                $"{Format.Rate(distinct, "cmd")} ({Format.Ms(distinctLatency.P50)} / {Format.Ms(distinctLatency.P99)})",
                Format.Rate(rawConcurrent, "tx") + $" raw 1-row INSERT tx, {Clients} connections", Format.Ratio(distinct / rawConcurrent), "report", Verdict.Report,
                inside("distinct") + " over all reps"),
            new(Id, engine.Prefix + "16 clients, one hot account (p50 / p99 latency)",
                $"{Format.Rate(hot, "cmd")} ({Format.Ms(hotLatency.P50)} / {Format.Ms(hotLatency.P99)})",
                Format.Rate(rawConcurrent, "tx") + $" raw 1-row INSERT tx, {Clients} connections", Format.Ratio(hot / rawConcurrent), "report", Verdict.Report,
                inside("hot") + " over all reps"),
            new(Id, engine.Prefix + "errors reaching a caller", Format.Count(failed), "—", "—", "0", Row.Check(failed == 0),
                "failures seen by callers: " + (failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}")))),
        ];
    }

    private static string Describe(Exception exception) => exception switch
    {
        DomainException d => "domain:" + d.Code,
        SqliteException s => $"sqlite:{(s.SqliteErrorCode == 5 ? "BUSY" : s.SqliteErrorCode == 6 ? "LOCKED" : s.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
        Npgsql.PostgresException p => "postgres:" + p.SqlState,
        _ when exception.InnerException is { } inner and (SqliteException or Npgsql.PostgresException) => Describe(inner),
        _ => exception.GetType().Name,
    };
}
