namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M1: one client sending deposits through the whole write path (mediator, pipeline, replay check,
/// snapshot + tail load, decide, append with its processed-command row, snapshot every 100, both
/// projections) on WAL + synchronous=FULL, against raw single-row INSERT transactions on the same
/// schema and pragmas.
/// </summary>
public sealed class M1DurableWrites(BenchEngine engine) : Scenario(engine.Id("M1"), engine.Title("Durable commands, one client"))
{
    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var sizes = context.Sizes;
        await using var ledger = await TestLedger.StartAsync(ProductDefaults.Durable, await engine.NewDatabaseAsync(context, "m1-ledger"));
        await NotifySwitch.ApplyAsync(engine, ledger);
        const string accountId = "M1-ACCOUNT";
        await ledger.Mediator.Send(new OpenAccountCommand(accountId, "H-1", "Bench Holder", "EUR", 0m));
        var sent = 0;
        async Task DepositAsync() => await ledger.Mediator.Send(new DepositMoneyCommand(accountId, 1.25m, "M1-" + ++sent));

        await using var raw = await engine.RawInsertsAsync(context, "m1-raw");
        long rawVersion = 0;
        Task RawInsertAsync(EventRow row) => raw.InsertAsync(row);

        EventRow NextRawRow()
        {
            var version = ++rawVersion;
            IAccountEvent data = version == 1
                ? new AccountOpened("RAW-1", "H-1", "Raw Holder", "EUR", 0m, DateTimeOffset.UtcNow)
                : new MoneyDeposited("RAW-1", 1.25m, "R-" + version, "Deposit", DateTimeOffset.UtcNow);
            return Seeder.Row(data, version, Guid.CreateVersion7().ToString());
        }

        // Warm-up: JIT, connection pool, statement caches, the first snapshot.
        await WarmUp.RunAsync(async () =>
        {
            await DepositAsync();
            await RawInsertAsync(NextRawRow());
        }, 20, TimeSpan.FromSeconds(context.Quick ? 0.5 : 3));

        var ledgerRates = new List<double>();
        var rawRates = new List<double>();
        var ledgerLatency = new Latencies();
        var rawLatency = new Latencies();
        for (var rep = 0; rep < sizes.M1Repetitions; rep++)
        {
            // Baseline and subject alternate within the same run, so both see the same machine.
            var rows = Enumerable.Range(0, sizes.M1Commands).Select(_ => NextRawRow()).ToArray();
            var t0 = Stopwatch.GetTimestamp();
            foreach (var row in rows)
            {
                await rawLatency.TimeAsync(() => RawInsertAsync(row));
            }

            rawRates.Add(sizes.M1Commands / Stopwatch.GetElapsedTime(t0).TotalSeconds);

            t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < sizes.M1Commands; i++)
            {
                await ledgerLatency.TimeAsync(DepositAsync);
            }

            ledgerRates.Add(sizes.M1Commands / Stopwatch.GetElapsedTime(t0).TotalSeconds);
            RunContext.Progress($"M1 rep {rep + 1}: ledger {ledgerRates[^1]:N0} cmd/s, raw {rawRates[^1]:N0} rows/s");
        }

        // A stale snapshot turns every load into a long replay (it happened: see the doc's product changes).
        var snapshot = await ledger.Get<Ledger.Infrastructure.Storage.Snapshots.SnapshotStore>().LoadAsync(Account.StreamId(accountId), CancellationToken.None);
        var head = await ledger.Get<Ledger.Infrastructure.Storage.IEventStore>().StreamVersionAsync(Account.StreamId(accountId), CancellationToken.None);
        if (snapshot is null || head - snapshot.Version >= 100)
        {
            throw new InvalidOperationException($"{accountId} is at version {head} but its snapshot is at {snapshot?.Version}: snapshots are not advancing.");
        }

        var ledgerRate = Stats.Median(ledgerRates);
        var rawRate = Stats.Median(rawRates);
        context.Shared[engine.Id("M1") + ".rate"] = ledgerRate;
        var ratio = ledgerRate / rawRate;
        var rows2 = new List<Row>
        {
            new(Id, engine.Prefix + "durable commands/s, one client (median of reps)",
                Format.Rate(ledgerRate, "cmd"), Format.Rate(rawRate, "tx") + " raw 1-row INSERT tx", Format.Ratio(ratio),
                "≥ 0.5× raw", Row.Check(ratio >= 0.5)),
            new(Id, engine.Prefix + "command latency p50 / p99",
                $"{Format.Ms(ledgerLatency.P50)} / {Format.Ms(ledgerLatency.P99)}",
                $"{Format.Ms(rawLatency.P50)} / {Format.Ms(rawLatency.P99)} raw tx",
                Format.Ratio(ledgerLatency.P50 / rawLatency.P50) + " (p50)", "report", Verdict.Report),
        };
        var setup = $"{sizes.M1Repetitions} reps × {sizes.M1Commands} deposits into one account (snapshot every 100, both projections), "
            + $"alternating with {sizes.M1Commands} raw one-row transactions; " + (engine.IsPostgres
                ? "synchronous_commit=on on both, one server; raw = Npgsql BeginTransaction, the ledger's own INSERT, Commit (two round trips)."
                : "WAL, synchronous=FULL on both.");
        var reading = engine.IsPostgres ? Readings.M1Postgres(ledgerLatency, rawLatency) : Readings.M1(ledgerLatency, rawLatency);
        return new Measurement(rows2, setup, reading);
    }
}
