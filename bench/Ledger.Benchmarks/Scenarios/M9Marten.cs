using Ledger.Benchmarks.Marten;
using Ledger.Infrastructure.Application.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M9: Ledger and Marten 9 side by side on the same PostgreSQL server in the same run, on the same work:
/// a deposit (load for writing, append one event expecting the loaded version, project the balance in
/// the same transaction) from 1 and from 16 clients, and loading an account of 1k and 10k events by
/// replaying its whole stream. Raw single-row transactions on the same server are the floor of both.
/// Then Ledger as two instances on one database (one projection leader), 16 clients each.
/// </summary>
public sealed class M9Marten() : Scenario("M9-pg", "Side by side with Marten, on PostgreSQL")
{
    private const int Clients = 16;

    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var engine = BenchEngine.Postgres;
        var sizes = context.Sizes;
        var perRun = Clients * sizes.M2CommandsPerClient;
        await using var ledger = await TestLedger.StartAsync(ProductDefaults.Durable, await engine.NewDatabaseAsync(context, "m9-ledger"));
        await using var martenDatabase = await engine.NewDatabaseAsync(context, "m9-marten");
        await using var marten = await MartenBank.StartAsync(((PostgresTestDatabase)martenDatabase).ConnectionString);
        await using var raw = await RawClients.StartAsync(engine, context, Clients);

        var ledgerAccounts = Enumerable.Range(0, Clients).Select(i => $"M9-{i:D2}").ToArray();
        var martenStreams = Enumerable.Range(0, Clients).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var id in ledgerAccounts)
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "H-" + id, "Holder " + id, "EUR", 0m));
        }

        foreach (var id in martenStreams)
        {
            await marten.OpenAsync(id);
        }

        var sent = 0;
        Task LedgerDepositAsync(int client) => ledger.Mediator.Send(new DepositMoneyCommand(ledgerAccounts[client], 1.25m, "M9-" + Interlocked.Increment(ref sent))).AsTask();
        Task MartenDepositAsync(int client) => marten.DepositAsync(martenStreams[client], 1.25m);

        // Warm-up of both, both modes.
        foreach (var clients in new[] { 1, Clients })
        {
            await RateAsync(LedgerDepositAsync, clients, perRun);
            await RateAsync(MartenDepositAsync, clients, perRun);
            await raw.RunAsync(clients, perRun);
        }

        var rates = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string key, double value) => (rates.TryGetValue(key, out var list) ? list : rates[key] = []).Add(value);
        for (var rep = 0; rep < sizes.M2Repetitions + 1; rep++)
        {
            // Subject, competitor and floor alternate within the run, so all three see the same machine.
            foreach (var clients in new[] { 1, Clients })
            {
                Add($"raw{clients}", await raw.RunAsync(clients, perRun));
                Add($"ledger{clients}", await RateAsync(LedgerDepositAsync, clients, perRun));
                Add($"marten{clients}", await RateAsync(MartenDepositAsync, clients, perRun));
            }

            RunContext.Progress($"M9 rep {rep + 1}: 1 client ledger {rates["ledger1"][^1]:N0}/s marten {rates["marten1"][^1]:N0}/s; 16 clients ledger {rates["ledger16"][^1]:N0}/s marten {rates["marten16"][^1]:N0}/s");
        }

        var rows = new List<Row>();
        foreach (var clients in new[] { 1, Clients })
        {
            var (l, m, r) = (Stats.Median(rates[$"ledger{clients}"]), Stats.Median(rates[$"marten{clients}"]), Stats.Median(rates[$"raw{clients}"]));
            rows.Add(new Row(Id, $"deposits/s, {clients} client{(clients == 1 ? "" : "s")}: Ledger vs Marten (quick append, inline balance)",
                Format.Rate(l, "cmd"), Format.Rate(m, "cmd") + $" Marten; raw {Format.Rate(r, "tx")}", Format.Ratio(l / m),
                "≥ 2× Marten", Row.Check(l / m >= 2), $"Ledger {Format.Ratio(l / r)} raw, Marten {Format.Ratio(m / r)} raw"));
        }

        rows.AddRange(await LoadRowsAsync(ledger, marten, context));
        rows.Add(await TwoInstancesAsync(context, engine, perRun, Stats.Median(rates[$"ledger{Clients}"])));

        var setup = $"{sizes.M2Repetitions + 1} reps × {perRun} deposits per mode (1 client; {Clients} clients each on its own account/stream), Ledger, Marten and raw "
            + "alternating on one server (synchronous_commit=on for all). Ledger: the whole command path (mediator, pipeline, idempotency record, "
            + "both projections, snapshots). Marten 9.58: EventAppendMode.Quick, UseIdentityMapForAggregates, an inline single-stream snapshot of "
            + "the balance, lightweight sessions, FetchForWriting + AppendOne + SaveChanges per deposit (expected version from the fetch), schema created up front. "
            + "Loads: a full replay of one stream (Ledger's AccountLoader with no snapshot; Marten's AggregateStreamAsync).";
        return new Measurement(rows, setup, Reading);
    }

    private const string Reading =
        "Both pay the same floor, one synchronous commit per command; the raw rows show what the server does for that alone. "
        + "With one client Ledger answers a command after one round trip (the append: lock, events, command record and commit in "
        + "one implicit transaction); its projection follows in a second, committed without waiting for the flush, beside the next "
        + "command's append, and a read on the instance that took the command waits for it (ReadFence), so a read after the answer "
        + "still reflects it, as a read after Marten's inline projection does. Marten reads first (FetchForWriting) and then sends "
        + "the append and the inline projection in one transaction. With 16 clients Ledger's appends take turns under one advisory lock (the gap-free "
        + "global order), and group commit puts the commands queued meanwhile into one transaction: three round trips and one "
        + "flush per batch whatever its size, and the batch's projection runs while the next batches append (batches that commit meanwhile share one delivery). Marten's quick "
        + "append takes positions from a sequence (gaps allowed, ordered later by its async daemon's high-water mark) and 16 "
        + "transactions flush together in PostgreSQL's own group commit. Loads: Ledger reads one stream with one prepared "
        + "statement and folds records; Marten's live aggregation goes through its generated aggregator and per-event metadata.";

    private static async Task<IEnumerable<Row>> LoadRowsAsync(TestLedger ledger, MartenBank marten, RunContext context)
    {
        var rows = new List<Row>();
        var loader = ledger.Get<AccountLoader>();
        foreach (var length in context.Quick ? new[] { 1_000 } : [1_000, 10_000])
        {
            var accountId = $"M9-LOAD-{length}";
            await SeedLedgerAsync(ledger, accountId, length);
            var stream = Guid.CreateVersion7();
            await marten.SeedAsync(stream, length);
            var reps = context.Quick ? 3 : length <= 1_000 ? 30 : 10;
            var ledgerTimes = new Latencies();
            var martenTimes = new Latencies();
            for (var rep = 0; rep < reps + 2; rep++)
            {
                var account = await ledger.Get<IEventStore>().ReadStreamAsync(Account.StreamId(accountId), 1, CancellationToken.None);
                var t0 = Stopwatch.GetTimestamp();
                var state = await loader.LoadFromStoreAsync(accountId, CancellationToken.None);
                var ledgerMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                t0 = Stopwatch.GetTimestamp();
                var balance = await marten.AggregateAsync(stream);
                var martenMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (state?.Version != length || account.Count != length || balance is null)
                {
                    throw new InvalidOperationException($"M9 load of {length} events: Ledger v{state?.Version}, Marten {balance?.Amount}.");
                }

                if (rep >= 2)
                {
                    ledgerTimes.Add(TimeSpan.FromMilliseconds(ledgerMs));
                    martenTimes.Add(TimeSpan.FromMilliseconds(martenMs));
                }
            }

            rows.Add(new Row("M9-pg", $"load an account of {length:N0} events (full replay): Ledger vs Marten, p50",
                Format.Ms(ledgerTimes.P50), Format.Ms(martenTimes.P50) + " Marten", Format.Ratio(martenTimes.P50 / ledgerTimes.P50) + " faster",
                "≥ 2× Marten", Row.Check(martenTimes.P50 / ledgerTimes.P50 >= 2)));
        }

        return rows;
    }

    /// <summary>A stream of <paramref name="length"/> events written in batches of 1,000 straight to the store (seeding, not measured; no snapshot).</summary>
    private static async Task SeedLedgerAsync(TestLedger ledger, string accountId, int length)
    {
        var version = 0L;
        while (version < length)
        {
            var batch = Enumerable.Range(0, (int)Math.Min(1_000, length - version)).Select(i => NewEvent.From(version + i == 0
                ? new AccountOpened(accountId, "H", "Load Holder", "EUR", 0m, DateTimeOffset.UtcNow)
                : new MoneyDeposited(accountId, 1.25m, "S-" + (version + i), "Deposit", DateTimeOffset.UtcNow))).ToArray();
            await ledger.AppendUnpublishedAsync([new StreamAppend(Account.StreamId(accountId), ExpectedVersion.Exactly(version), batch)], new EventMetadata("seed", "seed-" + version, "bench"));
            version += batch.Length;
        }
    }

    /// <summary>Two Ledger instances on one database, electing one projection leader as Ledger.Web does, {Clients} clients on each.</summary>
    private static async Task<Row> TwoInstancesAsync(RunContext context, BenchEngine engine, int perRun, double oneInstanceRate)
    {
        await using var first = await TestLedger.StartAsync(o => { ProductDefaults.Durable(o); o.ElectProjectionLeader = true; }, await engine.NewDatabaseAsync(context, "m9-two"));
        await using var second = await TestLedger.StartAsync(o => { ProductDefaults.Durable(o); o.ElectProjectionLeader = true; }, first.Database.Borrow());
        var instances = new[] { first, second };
        var hosted = instances.SelectMany(i => i.Services.GetServices<IHostedService>()).ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var accounts = Enumerable.Range(0, 2 * Clients).Select(i => $"M9-TWO-{i:D2}").ToArray();
            for (var i = 0; i < accounts.Length; i++)
            {
                await instances[i % 2].Mediator.Send(new OpenAccountCommand(accounts[i], "H", "Holder", "EUR", 0m));
            }

            var sent = 0;
            Task DepositAsync(int client) => instances[client % 2].Mediator.Send(new DepositMoneyCommand(accounts[client], 1m, "M9-TWO-" + Interlocked.Increment(ref sent))).AsTask();
            await RateAsync(DepositAsync, 2 * Clients, 2 * perRun);
            var rates = new List<double>();
            for (var rep = 0; rep < context.Sizes.M2Repetitions; rep++)
            {
                rates.Add(await RateAsync(DepositAsync, 2 * Clients, 2 * perRun));
            }

            var rate = Stats.Median(rates);
            return new Row("M9-pg", $"deposits/s, 2 instances × {Clients} clients (one projection leader; answered once durable, reads wait for the read model)",
                Format.Rate(rate, "cmd"), Format.Rate(oneInstanceRate, "cmd") + $" one instance × {Clients}", Format.Ratio(rate / oneInstanceRate), "report", Verdict.Report);
        }
        finally
        {
            foreach (var service in hosted.Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary><paramref name="total"/> operations spread over <paramref name="clients"/> concurrent clients; operations per second.</summary>
    private static async Task<double> RateAsync(Func<int, Task> operation, int clients, int total)
    {
        var perClient = total / clients;
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++)
            {
                await operation(c);
            }
        })));
        return perClient * clients / Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }
}
