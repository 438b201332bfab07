namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// Random command sequences against a few accounts, checked against a model written independently of the
/// decider: a command is accepted exactly when the model says the rules allow it, no balance ever goes
/// negative, and every balance equals its accepted money in minus money out.
/// </summary>
public sealed class RandomCommandTests
{
    // A failure names its seed. To replay only that run, set BaseSeed to the seed and Runs to 1.
    private const int BaseSeed = 20_250_314;
    private const int Runs = 200;
    private const int CommandsPerRun = 150;

    private static readonly string[] Ids = ["a", "b", "c", "yen", "ghost"];
    internal static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RandomCommands_KeepEveryBalanceNonNegativeAndEqualToAcceptedMoneyInMinusOut()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var run = 0; run < Runs; run++)
        {
            Run(BaseSeed + run, outcomes);
        }

        // Guard against a generator that drifted into testing nothing: every kind of command was both accepted and refused.
        foreach (var kind in new[] { "deposit", "withdraw", "transfer", "close" })
        {
            Assert.True(outcomes.GetValueOrDefault(kind + " accepted") > 0, $"No {kind} was ever accepted: {string.Join(", ", outcomes)}");
            Assert.True(outcomes.GetValueOrDefault(kind + " rejected") > 0, $"No {kind} was ever rejected: {string.Join(", ", outcomes)}");
        }
    }

    private static void Run(int seed, Dictionary<string, int> outcomes)
    {
        var random = new Random(seed);
        var ledger = new RandomCommandModel(seed, outcomes);
        ledger.Open("a", "EUR", 100m);
        ledger.Open("b", "EUR", 0m);
        ledger.Open("c", "EUR", 2_500.75m);
        ledger.Open("yen", "JPY", 10_000m);
        var clock = Start;

        for (var step = 0; step < CommandsPerRun; step++)
        {
            // The clock mostly moves forward but sometimes jumps back, as real clocks do.
            clock = clock.AddMinutes(random.Next(-30, 90));
            ledger.Step = step;
            switch (random.Next(10))
            {
                case < 4:
                    var target = Pick(random);
                    ledger.Deposit(target, RandomAmount(random, ledger, target), clock);
                    break;
                case < 7:
                    var account = Pick(random);
                    ledger.Withdraw(account, RandomAmount(random, ledger, account), clock);
                    break;
                case < 9:
                    var from = Pick(random);
                    ledger.Transfer(from, Pick(random), RandomAmount(random, ledger, from), clock);
                    break;
                default:
                    ledger.Close(Pick(random), clock);
                    break;
            }

            ledger.CheckInvariants();
        }

        ledger.CheckFullReplay();
    }

    private static string Pick(Random random) => Ids[random.Next(Ids.Length)];

    /// <summary>Mostly valid amounts, with zero, negative, over-limit, over-precise and whole-balance amounts mixed in.</summary>
    private static decimal RandomAmount(Random random, RandomCommandModel ledger, string account)
    {
        var currency = ledger.CurrencyOf(account) ?? "EUR";
        var scale = currency == "JPY" ? 1m : 100m;
        var valid = random.NextInt64(1, 50_000) / scale;
        return random.Next(20) switch
        {
            0 => 0m,
            1 => -valid,
            2 => valid + 0.001m,
            3 => Input.MaxDeposit,
            4 => Input.MaxDeposit + 1m / scale,
            5 or 6 => ledger.BalanceOf(account),
            7 => ledger.BalanceOf(account) + 1m / scale,
            _ => valid,
        };
    }
}
