using Ledger.Domain.Accounts;

namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 7 (model-based): seeded sequences of mixed operations (valid and invalid, resends,
/// reused ids, pinned versions) run against the real ledger and against <see cref="ReferenceModel"/>.
/// Every answer, every read of a touched account and the final state must match.
/// </summary>
public sealed class ModelBasedTests(ITestOutputHelper output)
{
    private static readonly int SeedCount = Soak.Size("MODEL_SEEDS", ci: 30, soak: 1_000);
    private static readonly int Operations = Soak.Size("MODEL_OPERATIONS", ci: 200, soak: 1_000);
    private static readonly string[] Ids = ["M0", "M1", "M2", "M3", "M4", "M5"];
    private static readonly string[] Currencies = ["EUR", "USD", "JPY", "KWD"];

    [Fact]
    public async Task MixedOperations_MatchTheReferenceModel_AnswerByAnswer()
    {
        var first = Seeds.Resolve(20_261_000);
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(first, SeedCount),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (seed, _) => await Seeds.RunAsync(seed, () => RunSeedAsync(seed, outcomes), nameof(MixedOperations_MatchTheReferenceModel_AnswerByAnswer)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Figures.Report(output, nameof(MixedOperations_MatchTheReferenceModel_AnswerByAnswer), new
        {
            firstSeed = first,
            seeds = SeedCount,
            operationsPerSeed = Operations,
            operations = SeedCount * Operations,
            outcomes = outcomes.OrderByDescending(kv => kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value),
            seconds = Math.Round(elapsed.TotalSeconds, 2),
        });
    }

    private static async Task RunSeedAsync(int seed, System.Collections.Concurrent.ConcurrentDictionary<string, int> outcomes)
    {
        await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
        var model = new ReferenceModel();
        var random = new Random(seed);
        var sent = new List<LedgerCommand>();
        for (var op = 0; op < Operations; op++)
        {
            var command = NextCommand(random, model, sent, op);
            var expected = model.Decide(command);
            object? actual;
            try
            {
                actual = await ledger.Mediator.Send((object)command);
            }
            catch (DomainException refused)
            {
                actual = refused;
            }

            var context = $"op {op}: {command}";
            Compare(expected, actual, context);
            outcomes.AddOrUpdate(Label(expected), 1, (_, n) => n + 1);
            sent.Add(command);

            if (expected is Accepted accepted)
            {
                // Against the model as it is now: a replayed answer describes the state back then.
                foreach (var account in accepted.Accounts.Select(a => model.Accounts[a.Id]))
                {
                    var row = await ledger.Mediator.Send(new GetAccountQuery(account.Id));
                    Assert.True(row is not null && row.Balance == account.Balance && row.Version == account.Version && (row.Status == AccountStatus.Closed) == account.Closed,
                        $"{context}: the read model shows {row} but the model has {account}");
                }
            }
        }

        var all = await ledger.Mediator.Send(new ListAccountsQuery(PageSize: ListAccountsQuery.MaxPageSize));
        Assert.Equal(model.Accounts.Count, all.Total);
        foreach (var row in all.Items)
        {
            var account = model.Accounts[row.AccountId];
            Assert.True(row.Balance == account.Balance && row.Version == account.Version && row.Currency == account.Currency,
                $"end: the read model shows {row} but the model has {account}");
        }

        LedgerChecks.AssertContiguous(ledger.Database);
        LedgerChecks.AssertTransfersHaveBothLegs(ledger.Database);
        LedgerChecks.AssertReadModelEqualsReplay(ledger.Database);
    }

    private static void Compare(Expected expected, object? actual, string context)
    {
        switch (expected, actual)
        {
            case (Refused refused, DomainException e):
                Assert.True(refused.Code == e.Code, $"{context}: expected {refused.Code}, got {e.Code} ({e.Message})");
                Assert.True(refused.Replayed == e is CommandRefusedException { Replayed: true }, $"{context}: replayed should be {refused.Replayed}: {e.Code}");
                break;
            case (Refused refused, _):
                Assert.Fail($"{context}: expected {refused.Code}, but it was accepted: {actual}");
                break;
            case (Accepted, DomainException e):
                Assert.Fail($"{context}: expected {expected}, but it was refused: {e.Code} ({e.Message})");
                break;
            case (Accepted accepted, CommandOutcome outcome):
                Assert.True(accepted.Replayed == outcome.Replayed, $"{context}: replayed should be {accepted.Replayed}: {outcome}");
                var states = outcome switch
                {
                    AccountView v => [(v.AccountId, v.Balance, v.Version, v.Status)],
                    CommandResult r => [(r.AccountId, r.Balance, r.Version, r.Status)],
                    TransferResult t => new[] { (t.From.AccountId, t.From.Balance, t.From.Version, t.From.Status), (t.To.AccountId, t.To.Balance, t.To.Version, t.To.Status) },
                    _ => throw new InvalidOperationException($"{context}: unexpected result {outcome}"),
                };
                var wanted = accepted.Accounts.Select(a => (a.Id, a.Balance, a.Version, a.Closed ? AccountStatus.Closed : AccountStatus.Active)).ToArray();
                Assert.True(wanted.SequenceEqual(states), $"{context}: expected {expected}, got {outcome}");
                break;
            default:
                Assert.Fail($"{context}: unexpected answer {actual}");
                break;
        }
    }

    private static string Label(Expected expected) => expected switch
    {
        Refused r => r.Code,
        Accepted { Replayed: true } => "replayed",
        _ => "accepted",
    };

    private static LedgerCommand NextCommand(Random random, ReferenceModel model, List<LedgerCommand> sent, int op)
    {
        var roll = random.Next(100);
        if (roll < 6 && sent.Count > 0)
        {
            // The same command again, id and all: a client retry.
            return sent[random.Next(sent.Count)];
        }

        var id = $"op-{op}";
        var account = op < Ids.Length ? Ids[op] : PickAccount(random);
        if (op < Ids.Length)
        {
            roll = 10;
        }

        var currency = model.Accounts.GetValueOrDefault(account)?.Currency ?? Currencies[random.Next(Currencies.Length)];
        var amount = Amount(random, currency, model.Accounts.GetValueOrDefault(account));
        LedgerCommand command = roll switch
        {
            < 13 => new OpenAccountCommand(account, "holder", null, random.Next(20) == 0 ? "eur" : Currencies[random.Next(Currencies.Length)], Math.Abs(amount) * random.Next(0, 6)),
            < 42 => new DepositMoneyCommand(account, amount, random.Next(30) == 0 ? " " : $"dep-{op}"),
            < 64 => new WithdrawMoneyCommand(account, amount, $"wd-{op}"),
            < 95 => new TransferMoneyCommand($"T-{op}", account, random.Next(15) == 0 ? account : Other(random, account), amount),
            _ => new CloseAccountCommand(account, random.Next(20) == 0 ? "" : "closing"),
        };
        command = command with { CommandId = id, Actor = $"model-{op % 3}" };

        if (random.Next(25) == 0 && sent.Count > 0)
        {
            // An id used before, with this (different) body.
            command = command with { CommandId = sent[random.Next(sent.Count)].CommandId };
        }

        if (random.Next(12) == 0)
        {
            var version = model.Accounts.GetValueOrDefault(ReferenceModel.PinnedAccount(command))?.Version ?? 0;
            command = command with { ExpectedVersion = random.Next(2) == 0 ? version : version + random.Next(-1, 3) };
        }

        return command;
    }

    private static string Other(Random random, string account)
    {
        var other = PickAccount(random);
        return other == account ? Ids[(Array.IndexOf(Ids, account) + 1) % Ids.Length] : other;
    }

    private static string PickAccount(Random random) => random.Next(40) switch
    {
        0 => "NOBODY",
        1 => "bad id",
        _ => Ids[random.Next(Ids.Length)],
    };

    /// <summary>Mostly fitting amounts near the balance (so funds run out now and then); sometimes broken ones.</summary>
    private static decimal Amount(Random random, string currency, ModelAccount? account)
    {
        var digits = ReferenceModel.DigitsOf(currency);
        var unit = 1m;
        for (var i = 0; i < digits; i++)
        {
            unit /= 10;
        }

        return random.Next(40) switch
        {
            0 => 0m,
            1 => -unit * random.Next(1, 1000),
            2 => unit / 10 * random.Next(1, 10) + random.Next(0, 100),
            3 => 1_000_000m + unit * random.Next(1, 1000),
            4 => account?.Balance ?? 0m,
            _ => unit * random.Next(1, (int)Math.Max(2, Math.Min(int.MaxValue / 2, (double)((account?.Minor ?? 10_000) * 3 / 4 + 100)))),
        };
    }
}
