using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime;
using Ledger.Domain;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M2: 16 clients at once, each on its own account, then all 16 on one hot account, against one client
/// sending the same number of commands (M1's path) in the same run. Every exception that reaches a
/// caller is counted by kind; an SQLITE_BUSY among them is a failure whatever the throughput. Group
/// commit's targets (issue 15) are ratios to the one client: ≥ 5× on distinct accounts, ≥ 3× on one
/// hot account, p99 latency ≤ 4× the one client's; commands per commit (one flush each) come from the
/// write path's own histogram.
/// </summary>
public sealed class M2ConcurrentWrites(BenchEngine engine) : Scenario(engine.Id("M2"), engine.Title("Concurrent commands, 16 clients"))
{
    private const int Clients = 16;

    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var sizes = context.Sizes;
        await using var ledger = await TestLedger.StartAsync(ProductDefaults.Durable, await engine.NewDatabaseAsync(context, "m2-ledger"));
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

        // Warm-up: every mode, so the catch-up path a hot account sometimes takes is compiled too, until the JIT is done with them.
        var warmUpRounds = await WarmUp.UntilJitSettlesAsync(async () =>
        {
            await RunAsync(_ => accounts[0], 1);
            await RunAsync(c => accounts[c], Clients);
            await RunAsync(_ => hot, Clients);
        });
        if (raw is not null)
        {
            await raw.RunAsync(1, Clients * sizes.M2CommandsPerClient);
            await raw.RunAsync(Clients, Clients * sizes.M2CommandsPerClient);
        }

        var jitBefore = (Methods: JitInfo.GetCompiledMethodCount(), Time: JitInfo.GetCompilationTime());

        failures.Clear();

        // The ledger's own metrics say what happened inside: optimistic-concurrency conflicts, and catch-up
        // replays (a projection delivery that arrived after a later one and was filled in from the store).
        var counters = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var mode = "";
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "ledger.concurrency.conflicts" or "ledger.projections.replay.duration" or "ledger.commands.per_commit")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counters.AddOrUpdate($"{mode} {instrument.Name}", value, (_, n) => n + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => counters.AddOrUpdate($"{mode} {instrument.Name}", 1, (_, n) => n + 1));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            counters.AddOrUpdate($"{mode} commits", 1, (_, n) => n + 1);
            counters.AddOrUpdate($"{mode} committed commands", value, (_, n) => n + value);
        });
        listener.Start();

        var rawSingle = new List<double>();
        var rawConcurrent = new List<double>();
        var single = new List<double>();
        var distinct = new List<double>();
        var hotRates = new List<double>();
        Latencies singleLatency = new(), distinctLatency = new(), hotLatency = new();
        for (var rep = 0; rep < sizes.M2Repetitions; rep++)
        {
            if (raw is not null)
            {
                rawSingle.Add(await raw.RunAsync(1, Clients * sizes.M2CommandsPerClient));
                rawConcurrent.Add(await raw.RunAsync(Clients, Clients * sizes.M2CommandsPerClient));
            }

            mode = "one client";
            var o = await RunAsync(_ => accounts[0], 1);
            single.Add(o.Rate);
            singleLatency.AddRange(o.Latencies);
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
        RunContext.Progress($"{Id} warm-up: {warmUpRounds} rounds of every mode; JIT during the timed reps: {JitInfo.GetCompiledMethodCount() - jitBefore.Methods} methods, {(JitInfo.GetCompilationTime() - jitBefore.Time).TotalMilliseconds:N0} ms");
        long Count(string m, string instrument) => counters.GetValueOrDefault($"{m} {instrument}");
        string Inside(string m) => $"{Count(m, "ledger.concurrency.conflicts")} conflicts, {Count(m, "ledger.projections.replay.duration")} catch-up replays";
        double PerCommit(string m) => Count(m, "committed commands") / (double)Math.Max(1, Count(m, "commits"));
        var baseline = Stats.Median(single);
        var busy = failures.Where(f => f.Key.Contains("BUSY", StringComparison.Ordinal) || f.Key.Contains("LOCKED", StringComparison.Ordinal)).Sum(f => f.Value);
        var failureText = failures.IsEmpty ? "none" : string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}"));
        var targets = GroupCommitRows(baseline, Stats.Median(distinct), Stats.Median(hotRates), singleLatency, distinctLatency, hotLatency, PerCommit);
        var rows = engine.IsPostgres
            ? PostgresRows(Stats.Median(single), Stats.Median(distinct), Stats.Median(hotRates), Stats.Median(rawSingle), Stats.Median(rawConcurrent),
                distinctLatency, hotLatency, Inside, failures)
            : new List<Row>
        {
            new("M2", "SQLITE_BUSY reaching a caller",
                Format.Count(busy), "—", "—", "0", Row.Check(busy == 0), "failures seen by callers: " + failureText),
        };
        rows.InsertRange(engine.IsPostgres ? 1 : 0, targets);
        if (!engine.IsPostgres)
        {
            rows[0] = rows[0] with { Notes = Inside("distinct") + " over all reps" };
            rows[1] = rows[1] with { Notes = Inside("hot") + " over all reps" };
        }

        var setup = $"{sizes.M2Repetitions} reps; each rep sends {Clients * sizes.M2CommandsPerClient} deposits three ways: one client, "
            + $"{Clients} clients on {Clients} accounts, {Clients} clients on one account; " + (engine.IsPostgres
                ? $"synchronous_commit=on; alternating with the same number of raw single-row INSERT transactions from one connection and from {Clients} at once."
                : "WAL, synchronous=FULL.");
        return new Measurement(rows, setup, engine.IsPostgres ? Readings.M2Postgres : Readings.M2);
    }

    /// <summary>Group commit's targets: throughput and p99 of 16 clients against the one client of the same run, and commands per flush.</summary>
    private List<Row> GroupCommitRows(
        double single, double distinct, double hot, Latencies singleLatency, Latencies distinctLatency, Latencies hotLatency, Func<string, double> perCommit)
    {
        var oneClient = Format.Rate(single, "cmd") + " one client (M1 path)";
        var worstP99 = Math.Max(distinctLatency.P99, hotLatency.P99);
        return
        [
            new(Id, engine.Prefix + "16 clients, distinct accounts (p50 / p99 latency)",
                $"{Format.Rate(distinct, "cmd")} ({Format.Ms(distinctLatency.P50)} / {Format.Ms(distinctLatency.P99)})",
                oneClient, Format.Ratio(distinct / single), "≥ 5× one client", Row.Check(distinct >= 5 * single), ""),
            new(Id, engine.Prefix + "16 clients, one hot account (p50 / p99 latency)",
                $"{Format.Rate(hot, "cmd")} ({Format.Ms(hotLatency.P50)} / {Format.Ms(hotLatency.P99)})",
                oneClient, Format.Ratio(hot / single), "≥ 3× one client", Row.Check(hot >= 3 * single), ""),
            new(Id, engine.Prefix + "p99 latency at 16 clients (worse of distinct / hot)",
                Format.Ms(worstP99), $"{Format.Ms(singleLatency.P99)} one client p99 (p50 {Format.Ms(singleLatency.P50)})",
                Format.Ratio(worstP99 / singleLatency.P99), "≤ 4× one client", Row.Check(worstP99 <= 4 * singleLatency.P99), ""),
            new(Id, engine.Prefix + "commands per commit (one flush each): one client / 16 distinct / 16 hot",
                $"{perCommit("one client"):N2} / {perCommit("distinct"):N1} / {perCommit("hot"):N1}", "1 per commit without group commit", "—", "report", Verdict.Report,
                "from the ledger.commands.per_commit histogram, over all reps"),
        ];
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
            new(Id, engine.Prefix + "16 clients, distinct accounts, against raw",
                Format.Rate(distinct, "cmd"),
                Format.Rate(rawConcurrent, "tx") + $" raw 1-row INSERT tx, {Clients} connections", Format.Ratio(distinct / rawConcurrent), "report", Verdict.Report,
                inside("distinct") + " over all reps"),
            new(Id, engine.Prefix + "16 clients, one hot account, against raw",
                Format.Rate(hot, "cmd"),
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
