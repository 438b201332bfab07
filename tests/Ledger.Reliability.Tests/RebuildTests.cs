using Ledger.Infrastructure.Application.Notifications;
using Mediator;

namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 6: the read model is a pure function of the events. Rebuilding it, building it in a
/// fresh database from the events alone, or delivering every event twice (in order, reversed, or
/// concurrently) must all give the same tables, compared by a hash of every column of every row.
/// </summary>
public sealed class RebuildTests(ITestOutputHelper output)
{
    private static readonly int History = Soak.Size("REBUILD_COMMANDS", ci: 900, soak: 20_000);

    [Fact]
    public async Task Rebuild_FreshCatchUp_AndDoubleDelivery_AllGiveTheSameReadModel()
    {
        await Seeds.WithSeedAsync(20_260_807, async seed =>
        {
            await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
            var workload = new RandomWorkload(seed);
            await workload.RunAsync(ledger.Mediator, History);
            var events = await ledger.EventCountAsync();
            var live = LedgerChecks.ReadModelHash(ledger.Database);
            LedgerChecks.AssertReadModelEqualsReplay(ledger.Database, "live: ");

            var rebuilt = await ledger.Mediator.Send(new RebuildProjectionsCommand());
            Assert.Equal(events, rebuilt.Events);
            Assert.Equal(live, LedgerChecks.ReadModelHash(ledger.Database));

            // Every commit's events published again, twice, then everything at once, reversed, and
            // from two tasks at the same time.
            var all = await ledger.ReadAllAsync();
            var publisher = ledger.Get<IPublisher>();
            foreach (var commit in all.GroupBy(e => e.Metadata.CausationId))
            {
                await publisher.Publish(new EventsAppended(commit.ToArray(), []));
                await publisher.Publish(new EventsAppended(commit.ToArray(), []));
            }

            await publisher.Publish(new EventsAppended(all, []));
            await publisher.Publish(new EventsAppended(all.Reverse().ToArray(), []));
            await Task.WhenAll(
                Task.Run(async () => await publisher.Publish(new EventsAppended(all, []))),
                Task.Run(async () => await publisher.Publish(new EventsAppended(all, []))));
            Assert.Equal(live, LedgerChecks.ReadModelHash(ledger.Database));

            // A database holding nothing but the events (copied row by row, as stored), brought up by catch-up alone.
            await using (var fresh = await TestLedger.StartAsync())
            {
                await RawEvents.InsertRowsAsync(fresh.Services, LedgerChecks.Rows(ledger.Database, """
                    SELECT stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at FROM events ORDER BY position
                    """).Select(r => new RawEvents.Row(
                        (string)r[0], Convert.ToInt64(r[1], CultureInfo.InvariantCulture), r[2] as Guid? ?? Guid.Parse((string)r[2]), (string)r[3],
                        Convert.ToInt32(r[4], CultureInfo.InvariantCulture), (string)r[5], (string)r[6], LedgerChecks.Instant(r[7]), LedgerChecks.Instant(r[8]))));

                var started = Stopwatch.GetTimestamp();
                await fresh.CatchUpAsync();
                var catchUp = Stopwatch.GetElapsedTime(started);
                Assert.Equal(live, LedgerChecks.ReadModelHash(fresh.Database));

                Figures.Report(output, nameof(Rebuild_FreshCatchUp_AndDoubleDelivery_AllGiveTheSameReadModel), new
                {
                    seed,
                    commands = History,
                    succeeded = workload.Succeeded,
                    refusals = workload.Refusals,
                    events,
                    rebuildSeconds = Math.Round(rebuilt.Duration.TotalSeconds, 3),
                    rebuildEventsPerSecond = Math.Round(rebuilt.EventsPerSecond),
                    freshCatchUpSeconds = Math.Round(catchUp.TotalSeconds, 3),
                    readModelHash = live[..16],
                });
            }

        });
    }

    [Fact]
    public async Task RebuildWhileWritersWrite_EndsEqualToReplay()
    {
        await Seeds.WithSeedAsync(20_260_808, async seed =>
        {
            await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
            await new RandomWorkload(seed).RunAsync(ledger.Mediator, History / 3);
            var writers = Enumerable.Range(0, 3)
                .Select(w => Task.Run(() => new RandomWorkload(seed + 1 + w).RunAsync(ledger.Mediator, History / 6)))
                .ToArray();

            // The rebuilder writes too, and rebuilds between its own batches while the others write.
            var rebuilder = new RandomWorkload(seed + 100);
            for (var batch = 0; batch < 4; batch++)
            {
                await rebuilder.RunAsync(ledger.Mediator, History / 24);
                await ledger.Mediator.Send(new RebuildProjectionsCommand());
            }

            await Task.WhenAll(writers);
            LedgerChecks.AssertReadModelEqualsReplay(ledger.Database);
            LedgerChecks.AssertContiguous(ledger.Database);
            LedgerChecks.AssertTransfersHaveBothLegs(ledger.Database);
        });
    }
}
