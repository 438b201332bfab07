namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 4: every command is sent 2–5 times (one after another, racing, or after a reply that
/// never arrived), from two processes. Each must act exactly once and every answer must be the first
/// one; the same id with a different body must be refused and write nothing.
/// </summary>
public sealed class DuplicateCommandTests(ITestOutputHelper output)
{
    private const int Lanes = 8;
    private const int AccountCount = 10;
    private const decimal Opening = 500_000m;
    private static readonly int Commands = Soak.Size("DUPLICATE_COMMANDS", ci: 2_000, soak: 10_000);

    [Fact]
    public async Task EveryCommandSentTwoToFiveTimes_ActsExactlyOnce()
    {
        await Seeds.WithSeedAsync(20_260_805, async seed =>
        {
            await using var processes = await LedgerProcesses.StartAsync(2);
            var first = processes[0];
            var accounts = Enumerable.Range(0, AccountCount).Select(i => $"DUP-{i:D2}").ToArray();
            foreach (var id in accounts)
            {
                await first.Mediator.Send(new OpenAccountCommand(id, "dup", null, "EUR", Opening) { CommandId = "setup-" + id });
            }

            var random = new Random(seed);
            var plans = Enumerable.Range(0, Commands).Select(i => DuplicatePlan.Create(i, random, accounts)).ToArray();
            var sender = new DuplicateSender();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Lanes).Select(lane => Task.Run(async () =>
            {
                foreach (var plan in plans.Where(p => p.Index % Lanes == lane))
                {
                    try
                    {
                        await plan.ExecuteAsync(processes, sender);
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        throw new InvalidOperationException($"command {plan} ({plan.Command.GetType().Name}) failed: {e.GetType().Name}: {e.Message}", e);
                    }
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(started);

            foreach (var process in processes)
            {
                await process.CatchUpAsync();
            }

            // Exactly one effect per command, carrying the body that won.
            var effects = LedgerChecks.EventsByCommand(first.Database);
            var expected = accounts.ToDictionary(a => a, _ => Opening);
            foreach (var plan in plans)
            {
                var winner = plan.Winner ?? throw new InvalidOperationException($"command {plan.Id} has no recorded winner");
                var expectedEvents = winner is TransferMoneyCommand ? 2 : 1;
                Assert.True(effects.TryGetValue(plan.Id, out var events) && events.Count == expectedEvents,
                    $"command {plan.Id} ({plan.Mode}, {plan.Sends} sends) wrote {effects.GetValueOrDefault(plan.Id)?.Count ?? 0} events, expected {expectedEvents}");
                Assert.Equal(1, processes.Sum(p => p.Store().ByCommand.GetValueOrDefault(plan.Id)?.Committed ?? 0));
                DuplicatePlan.Apply(winner, expected);
            }

            Assert.Equal(plans.Length + accounts.Length, LedgerChecks.Scalar(first.Database, "SELECT COUNT(*) FROM processed_commands"));
            foreach (var (id, balance) in expected)
            {
                var account = await first.Mediator.Send(new GetAccountQuery(id));
                Assert.True(account?.Balance == balance, $"{id} holds {account?.Balance}, expected {balance}");
            }

            LedgerChecks.AssertContiguous(first.Database);
            LedgerChecks.AssertTransfersHaveBothLegs(first.Database);
            LedgerChecks.AssertReadModelEqualsReplay(first.Database);

            Figures.Report(output, nameof(EveryCommandSentTwoToFiveTimes_ActsExactlyOnce), new
            {
                seed,
                commands = plans.Length,
                sends = sender.Sends,
                byMode = plans.GroupBy(p => p.Mode).ToDictionary(g => g.Key.ToString(), g => g.Count()),
                replayedAnswers = sender.Replayed,
                lostReplies = sender.Lost,
                lostRepliesThatHadCommitted = sender.LostButCommitted,
                otherBodyRefused = sender.Reused,
                otherBodyWonTheRace = sender.OtherBodyWon,
                duplicateDetectedAtCommit = processes.Sum(p => p.Store().Duplicates),
                seconds = Math.Round(elapsed.TotalSeconds, 2),
            });
        });
    }

    /// <summary>
    /// The narrow window the random test found: a send that checks for an earlier result just before
    /// the racing send commits, then loads the state that send produced, must still answer with that
    /// result, not refuse the command for its own effect (account exists, no money left).
    /// </summary>
    [Fact]
    public async Task RacingSendsFromTwoProcesses_NeverRefuseACommandForItsOwnEffect()
    {
        await Seeds.WithSeedAsync(20_260_806, async seed =>
        {
            await using var processes = await LedgerProcesses.StartAsync(2);
            var first = processes[0];
            var sender = new DuplicateSender();
            var random = new Random(seed);
            for (var round = 0; round < Soak.Size("DUPLICATE_RACE_ROUNDS", ci: 60, soak: 600); round++)
            {
                var balance = random.Next(1, 100_000) / 100m;
                var open = new OpenAccountCommand($"RACE-{round}", "racer", null, "EUR", balance) { CommandId = $"open-{round}" };
                var opened = await sender.RaceAsync(Enumerable.Range(0, 4).Select(s => (processes[s % 2], (LedgerCommand)open)));
                Assert.Single(opened, o => !((CommandOutcome)o).Replayed);

                var takeAll = new WithdrawMoneyCommand($"RACE-{round}", balance, "all") { CommandId = $"take-{round}" };
                var taken = await sender.RaceAsync(Enumerable.Range(0, 4).Select(s => (processes[s % 2], (LedgerCommand)takeAll)));
                Assert.Single(taken, t => !((CommandOutcome)t).Replayed);
                Assert.All(taken, t => Assert.Equal(0m, ((CommandResult)t).Balance));
            }

            LedgerChecks.AssertContiguous(first.Database);
        });
    }
}
