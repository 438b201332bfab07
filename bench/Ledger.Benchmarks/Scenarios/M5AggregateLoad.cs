using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Storage.Serialization;
using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M5: loading an account the way the write path does when it has not seen the account yet
/// (AccountLoader.LoadFromStoreAsync: latest snapshot + the events after it, folded), for streams of
/// each length, without and then with a snapshot, against a raw ordered SELECT of the same rows with
/// the payload JSON deserialized and no fold; and the write path's usual case, its cached state
/// confirmed by one version read.
/// </summary>
public sealed class M5AggregateLoad(BenchEngine engine) : Scenario(engine.Id("M5"), engine.Title("Aggregate load"))
{
    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var big = await BigLedger.GetAsync(context, engine);
        await using var ledger = await big.StartLedgerAsync();
        var loader = ledger.Get<AccountLoader>();
        var store = ledger.Get<IEventStore>();
        var snapshots = ledger.Get<SnapshotStore>();
        await using var raw = await engine.OpenRawAsync(big, reader: true);
        await using var select = BenchEngine.Prepare(raw,
            "SELECT event_type, schema_version, data FROM events WHERE stream_id = @stream ORDER BY stream_version", "@stream");

        async Task<int> RawReadAsync(string accountId)
        {
            select.Parameters[0].Value = Account.StreamId(accountId);
            var count = 0;
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = EventSerializer.Deserialize(reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
                count++;
            }

            return count;
        }

        var rows = new List<Row>();
        var lengths = context.Sizes.M5StreamLengths;

        // Both read paths run long enough for tiered JIT to finish with them before the shortest stream is timed.
        await WarmUp.RunAsync(async () =>
        {
            await RawReadAsync(big.StreamAccounts[0]);
            await loader.LoadFromStoreAsync(big.StreamAccounts[0], CancellationToken.None);
        }, 20, TimeSpan.FromSeconds(context.Quick ? 0.5 : 3));
        for (var s = 0; s < lengths.Length; s++)
        {
            var length = lengths[s];
            var accountId = big.StreamAccounts[s];
            var reps = context.Quick ? 3 : length switch { <= 1_000 => 40, <= 10_000 => 15, _ => 7 };

            // Warm-up, and a check that the load is right: the seeded history folds to the seeded balance.
            var state = await loader.LoadFromStoreAsync(accountId, CancellationToken.None) ?? throw new InvalidOperationException($"{accountId} did not load.");
            if (state.Version != length || state.Balance != big.Seed.FinalBalance[accountId])
            {
                throw new InvalidOperationException($"{accountId} loaded at v{state.Version} balance {state.Balance}; seeded v{length} balance {big.Seed.FinalBalance[accountId]}.");
            }

            if (await RawReadAsync(accountId) != length)
            {
                throw new InvalidOperationException($"Raw read of {accountId} did not return {length} rows.");
            }

            var fold = new Latencies();
            var rawTimes = new Latencies();
            for (var rep = 0; rep < reps; rep++)
            {
                await rawTimes.TimeAsync(() => RawReadAsync(accountId));
                await fold.TimeAsync(() => loader.LoadFromStoreAsync(accountId, CancellationToken.None));
            }

            var foldRate = length / (fold.P50 / 1000);
            var rawRate = length / (rawTimes.P50 / 1000);
            context.Shared[$"{Id}.replay.{length}"] = fold.P50;
            rows.Add(new Row(Id, engine.Prefix + $"load without snapshot, {length:N0} events (median)",
                $"{Format.Ms(fold.P50)} = {Format.Rate(foldRate, "ev")}",
                $"{Format.Ms(rawTimes.P50)} = {Format.Rate(rawRate, "ev")} raw SELECT + deserialize",
                Format.Ratio(foldRate / rawRate), "≥ 0.5× raw rate", Row.Check(foldRate / rawRate >= 0.5)));

            // A snapshot 99 events short of the head: the longest tail the default interval of 100 leaves.
            var snapshotVersion = Math.Max(1, length - 99);
            var events = await store.ReadStreamAsync(Account.StreamId(accountId), 1, CancellationToken.None);
            var atSnapshot = Account.Fold(events.Take((int)snapshotVersion))!;
            await snapshots.TrySaveAsync(atSnapshot, CancellationToken.None);
            var withSnapshot = new Latencies();
            for (var i = 0; i < (context.Quick ? 20 : 200); i++)
            {
                var loaded = await withSnapshot.TimeAsync(() => loader.LoadFromStoreAsync(accountId, CancellationToken.None));
                if (i == 0 && loaded != state)
                {
                    throw new InvalidOperationException($"{accountId}: the load with a snapshot differs from the full replay.");
                }
            }

            var largest = s == lengths.Length - 1;
            rows.Add(new Row(Id, engine.Prefix + $"load with snapshot (tail of {length - snapshotVersion}), {length:N0} events: p50 / p95",
                $"{Format.Ms(withSnapshot.P50)} / {Format.Ms(withSnapshot.P95)}",
                $"{Format.Ms(fold.P50)} full replay (row above)",
                Format.Ratio(fold.P50 / withSnapshot.P50) + " faster",
                largest ? "≤ 5 ms (median)" : "report",
                largest ? Row.Check(withSnapshot.P50 <= 5) : Verdict.Report));
            if (largest)
            {
                // What a command usually pays: the account's state is cached from the previous command and
                // one indexed version read confirms nobody has appended since.
                var cachedLoad = new Latencies();
                for (var i = 0; i < (context.Quick ? 20 : 200); i++)
                {
                    var loaded = await cachedLoad.TimeAsync(() => loader.LoadAsync(accountId, CancellationToken.None));
                    if (loaded != state)
                    {
                        throw new InvalidOperationException($"{accountId}: the cached load differs from the full replay.");
                    }
                }

                rows.Add(new Row(Id, engine.Prefix + $"load from the write path's cache (version read only), {length:N0} events: p50 / p95",
                    $"{Format.Ms(cachedLoad.P50)} / {Format.Ms(cachedLoad.P95)}",
                    $"{Format.Ms(withSnapshot.P50)} load with snapshot (row above)",
                    Format.Ratio(withSnapshot.P50 / cachedLoad.P50) + " faster", "report", Verdict.Report));
            }

            RunContext.Progress($"{Id} {length:N0}: replay {Format.Ms(fold.P50)}, raw {Format.Ms(rawTimes.P50)}, snapshot p95 {Format.Ms(withSnapshot.P95)}");
        }

        var setup = $"Streams of {string.Join(", ", lengths.Select(l => l.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} events "
            + $"interleaved at random with {big.Seed.TotalEvents:N0} events in all; loads alternate with the raw read; snapshot written by SnapshotStore.";
        return new Measurement(rows, setup, engine.IsPostgres ? Readings.M5Postgres : Readings.M5);
    }
}
