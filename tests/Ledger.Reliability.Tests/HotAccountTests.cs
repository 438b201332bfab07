using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 1: 32 writers depositing 0.01 into one account. Nothing may be lost or doubled, the
/// stream stays gapless, and every conflict, retry and give-up is counted, never silent.
/// </summary>
public sealed class HotAccountTests(ITestOutputHelper output)
{
    private const int Writers = 32;
    private static readonly int DepositsPerWriter = Soak.Size("HOT_DEPOSITS_PER_WRITER", ci: 250, soak: 1_000);

    /// <summary>In one process the write gate queues writers, so there are no races to count: a smaller run shows it.</summary>
    private static readonly int DepositsPerWriterInOneProcess = Soak.Size("HOT_DEPOSITS_PER_WRITER_ONE_PROCESS", ci: 80, soak: 1_000);
    private const decimal Opening = 100m;

    [Fact]
    public async Task ThirtyTwoWriters_InOneProcess_LoseAndDoubleNothing()
    {
        await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
        await RunAsync([ledger], DepositsPerWriterInOneProcess, nameof(ThirtyTwoWriters_InOneProcess_LoseAndDoubleNothing));
    }

    /// <summary>
    /// Two service providers on one file, 16 writers each: within a process the write gate queues
    /// writers, so only here do appends really race and the unique (stream, version) index decide.
    /// </summary>
    [Fact]
    public async Task ThirtyTwoWriters_FromTwoProcesses_LoseAndDoubleNothing()
    {
        await using var processes = await LedgerProcesses.StartAsync(2);
        await RunAsync(processes, DepositsPerWriter, nameof(ThirtyTwoWriters_FromTwoProcesses_LoseAndDoubleNothing));
    }

    private async Task RunAsync(IReadOnlyList<TestLedger> processes, int depositsPerWriter, string test)
    {
        var ledger = processes[0];
        await ledger.Mediator.Send(new OpenAccountCommand("HOT", "holder", "Hot Account", "EUR", Opening) { CommandId = "open-HOT" });
        var gaveUp = 0;
        var clientResends = 0;
        var started = Stopwatch.GetTimestamp();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mediator = processes[w % processes.Count].Mediator;
            for (var i = 0; i < depositsPerWriter; i++)
            {
                var command = new DepositMoneyCommand("HOT", 0.01m, $"w{w}-{i}") { CommandId = $"hot-{w}-{i}", Actor = $"writer-{w}" };
                for (var send = 1; ; send++)
                {
                    try
                    {
                        await mediator.Send(command);
                        break;
                    }
                    catch (DomainException e) when (e.Code == CommandErrorCodes.ConcurrencyConflict && send < 50)
                    {
                        // Surfaced, not silent: the command gave up and said so. The client resends the
                        // same command id, which idempotency makes safe.
                        Interlocked.Increment(ref gaveUp);
                        Interlocked.Increment(ref clientResends);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        foreach (var process in processes)
        {
            await process.CatchUpAsync();
        }

        var commands = Writers * depositsPerWriter;
        var expected = Opening + 0.01m * commands;
        var account = await ledger.Mediator.Send(new GetAccountQuery("HOT"));
        Assert.Equal(expected, account!.Balance);
        Assert.Equal(commands + 1, account.Version);
        var replayed = await ledger.Get<AccountLoader>().ReplayAsync("HOT", CancellationToken.None);
        Assert.Equal(expected, replayed!.Balance);
        LedgerChecks.AssertContiguous(ledger.Database);
        Assert.Equal(commands + 1, LedgerChecks.EventsByCommand(ledger.Database).Count);
        LedgerChecks.AssertReadModelEqualsReplay(ledger.Database);

        // A hot stream must stay cheap to load: the snapshot follows it, so a load never folds more
        // than one interval of events (otherwise every command gets slower as the account ages).
        var interval = ledger.Get<SnapshotStore>().Interval;
        var snapshotVersion = LedgerChecks.Scalar(ledger.Database, "SELECT COALESCE(MAX(stream_version), 0) FROM snapshots WHERE stream_id = 'BankAccount-HOT'");
        Assert.True(account.Version - snapshotVersion < interval,
            $"the snapshot of HOT is at version {snapshotVersion} while the stream is at {account.Version}: a load folds {account.Version - snapshotVersion} events (interval {interval})");

        // Per command, across processes: attempts beyond the first are retries (server or client side).
        var perCommand = processes
            .SelectMany(p => p.Store().ByCommand)
            .Where(kv => kv.Key.StartsWith("hot-", StringComparison.Ordinal))
            .GroupBy(kv => kv.Key)
            .Select(g => (Attempts: g.Sum(x => x.Value.Attempts), Committed: g.Sum(x => x.Value.Committed)))
            .ToArray();
        Assert.Equal(commands, perCommand.Length);
        Assert.All(perCommand, c => Assert.Equal(1, c.Committed));
        var retries = perCommand.Select(c => c.Attempts - 1).ToArray();
        var conflicts = processes.Sum(p => p.Store().Conflicts);

        // The product's own counters agree with what the wrapper saw: every lost race is a conflict,
        // and every conflict is either retried by the pipeline or surfaced as a give-up.
        Assert.Equal(conflicts, processes.Sum(p => p.Get<LedgerMetrics>().ConflictTotal));
        Assert.Equal(conflicts - gaveUp, processes.Sum(p => p.Get<LedgerMetrics>().RetryTotal));
        Assert.Equal(retries.Sum(), conflicts);

        Figures.Report(output, test, new
        {
            processes = processes.Count,
            writers = Writers,
            depositsPerWriter = depositsPerWriter,
            commands,
            seconds = Math.Round(elapsed.TotalSeconds, 2),
            commandsPerSecond = Math.Round(commands / elapsed.TotalSeconds),
            balance = account.Balance,
            conflicts,
            retriesP50 = Stats.Percentile(retries, 50),
            retriesP99 = Stats.Percentile(retries, 99),
            retriesMax = retries.Max(),
            gaveUpSurfaced = gaveUp,
            clientResends,
        });
    }
}
