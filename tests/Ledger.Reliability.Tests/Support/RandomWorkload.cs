using Mediator;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// A seeded stream of plausible commands over a small set of accounts in three currencies: opens,
/// deposits, withdrawals, transfers (some across currencies) and closes. Refusals are part of life
/// and are counted, not failures.
/// </summary>
public sealed class RandomWorkload(int seed, int accounts = 20)
{
    private static readonly string[] Currencies = ["EUR", "JPY", "KWD"];
    private readonly Random random = new(seed);
    private int next;

    public Dictionary<string, int> Refusals { get; } = [];

    public int Succeeded { get; private set; }

    public string AccountId(int i) => $"W{i:D3}";

    public string Currency(int i) => Currencies[i % Currencies.Length];

    /// <summary>Opens every account first (ignoring any that exist), then sends <paramref name="commands"/> random commands.</summary>
    public async Task RunAsync(IMediator mediator, int commands, Func<LedgerCommand, LedgerCommand>? decorate = null)
    {
        var opens = Enumerable.Range(0, accounts).Select(a => (LedgerCommand)new OpenAccountCommand(AccountId(a), $"holder-{a}", $"Holder {a}", Currency(a), Amount(Currency(a)) * 10));
        await SendAllAsync(mediator, opens, decorate);
        await SendAllAsync(mediator, Enumerable.Range(0, commands).Select(_ => Next()), decorate);
    }

    private async Task SendAllAsync(IMediator mediator, IEnumerable<LedgerCommand> commands, Func<LedgerCommand, LedgerCommand>? decorate)
    {
        foreach (var generated in commands)
        {
            var command = generated;
            if (decorate is not null)
            {
                command = decorate(command);
            }

            try
            {
                await mediator.Send((object)command);
                Succeeded++;
            }
            catch (DomainException refused)
            {
                Refusals[refused.Code] = Refusals.GetValueOrDefault(refused.Code) + 1;
            }
        }
    }

    public LedgerCommand Next()
    {
        var n = next++;
        var a = random.Next(accounts);
        var id = AccountId(a);
        var amount = Amount(Currency(a));
        return random.Next(100) switch
        {
            < 2 => new OpenAccountCommand(id, $"holder-{a}", $"Holder {a}", Currency(a), Amount(Currency(a)) * 10),
            < 35 => new DepositMoneyCommand(id, amount, $"dep-{n}", n % 3 == 0 ? $"Deposit {n}" : null),
            < 60 => new WithdrawMoneyCommand(id, amount, $"wd-{n}"),
            < 98 => new TransferMoneyCommand(null, id, AccountId(Counterparty(a)), amount, n % 4 == 0 ? $"Transfer {n}" : null),
            _ => new CloseAccountCommand(id, "done"),
        };
    }

    /// <summary>Another account, of the same currency nine times in ten.</summary>
    private int Counterparty(int a)
    {
        var other = (a + 1 + random.Next(accounts - 1)) % accounts;
        if (random.Next(10) > 0)
        {
            while (other % Currencies.Length != a % Currencies.Length || other == a)
            {
                other = (other + 1) % accounts;
            }
        }

        return other;
    }

    private decimal Amount(string currency) => currency switch
    {
        "JPY" => random.Next(1, 20_000),
        "KWD" => random.Next(1, 200_000) / 1000m,
        _ => random.Next(1, 20_000) / 100m,
    };
}
