namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 3: many clients try to take the whole balance at the same instant. Exactly one may
/// succeed; every other one must be refused, and the account ends at exactly zero.
/// </summary>
public sealed class DoubleSpendTests(ITestOutputHelper output)
{
    private const int Contenders = 64;
    private static readonly int Rounds = Soak.Size("DOUBLE_SPEND_ROUNDS", ci: 100, soak: 1_000);

    [Fact]
    public async Task SixtyFourConcurrentWithdrawalsOfTheWholeBalance_ExactlyOneSucceeds()
    {
        await Seeds.WithSeedAsync(20_260_803, seed => RunAsync(seed, Rounds, transfers: false, nameof(SixtyFourConcurrentWithdrawalsOfTheWholeBalance_ExactlyOneSucceeds)));
    }

    /// <summary>The same race when half the contenders spend the balance by transfer instead.</summary>
    [Fact]
    public async Task WithdrawalsAndTransfersOfTheWholeBalance_ExactlyOneSucceeds()
    {
        await Seeds.WithSeedAsync(20_260_804, seed => RunAsync(seed, Math.Max(10, Rounds / 4), transfers: true, nameof(WithdrawalsAndTransfersOfTheWholeBalance_ExactlyOneSucceeds)));
    }

    private async Task RunAsync(int seed, int rounds, bool transfers, string test)
    {
        await using var processes = await LedgerProcesses.StartAsync(2);
        var first = processes[0];
        var random = new Random(seed);
        await first.Mediator.Send(new OpenAccountCommand("SINK", "sink", null, "EUR", 0m));
        var refusedByCode = new Dictionary<string, int>();
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < rounds; round++)
        {
            var id = $"DS-{round:D4}";
            var balance = random.Next(1, 1_000_000) / 100m;
            await first.Mediator.Send(new OpenAccountCommand(id, "spender", null, "EUR", balance));
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var contenders = Enumerable.Range(0, Contenders).Select(c => Task.Run(async () =>
            {
                await go.Task;
                var mediator = processes[c % processes.Count].Mediator;
                try
                {
                    if (transfers && c % 2 == 1)
                    {
                        await mediator.Send(new TransferMoneyCommand(null, id, "SINK", balance));
                    }
                    else
                    {
                        await mediator.Send(new WithdrawMoneyCommand(id, balance, $"take-all-{c}"));
                    }

                    return "ok";
                }
                catch (DomainException e)
                {
                    return e.Code;
                }
            })).ToArray();
            go.SetResult();
            var outcomes = await Task.WhenAll(contenders);

            var successes = outcomes.Count(o => o == "ok");
            Assert.True(successes == 1, $"round {round}: {successes} of {Contenders} spends of {balance} succeeded ({string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key}×{g.Count()}"))})");
            foreach (var code in outcomes.Where(o => o != "ok"))
            {
                // A refusal is either the rule (no money left) or a surfaced give-up; never anything else.
                Assert.True(code is ErrorCodes.InsufficientFunds or CommandErrorCodes.ConcurrencyConflict, $"round {round}: unexpected refusal {code}");
                refusedByCode[code] = refusedByCode.GetValueOrDefault(code) + 1;
            }

            await first.CatchUpAsync();
            var after = await first.Mediator.Send(new GetAccountQuery(id));
            Assert.True(after!.Balance == 0m && after.Version == 2, $"round {round}: {id} ends at {after.Balance}, version {after.Version}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LedgerChecks.AssertContiguous(first.Database);
        LedgerChecks.AssertTransfersHaveBothLegs(first.Database);
        LedgerChecks.AssertReadModelEqualsReplay(first.Database);
        Figures.Report(output, test, new
        {
            seed,
            rounds,
            contenders = Contenders,
            processes = processes.Count,
            successesPerRound = 1,
            refused = refusedByCode,
            conflicts = processes.Sum(p => p.Store().Conflicts),
            seconds = Math.Round(elapsed.TotalSeconds, 2),
        });
    }
}
