namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// The ledger's rules written again, as plainly as possible and without the product's code: a
/// dictionary of accounts in minor units, and the order in which a command is checked (shape, resend,
/// version, existence, state, currency, digits, funds). Model-based tests run every command through
/// both and demand the same answer.
/// </summary>
public sealed partial class ReferenceModel
{
    public const decimal MaxDeposit = 1_000_000m;
    public const decimal MaxBalance = 1_000_000_000_000m;

    private static readonly Dictionary<string, int> Digits = new(StringComparer.Ordinal) { ["EUR"] = 2, ["USD"] = 2, ["JPY"] = 0, ["KWD"] = 3 };

    private static readonly JsonSerializerOptions ByValue = new() { Converters = { new DecimalByValue() } };

    private readonly Dictionary<string, (string Body, Expected Result)> processed = new(StringComparer.Ordinal);

    /// <summary>Transfers that moved money under a transfer id the caller chose.</summary>
    private readonly Dictionary<string, (string Body, Expected Result)> transfers = new(StringComparer.Ordinal);

    public Dictionary<string, ModelAccount> Accounts { get; } = new(StringComparer.Ordinal);

    public static int DigitsOf(string currency) => Digits[currency];

    /// <summary>What the ledger must answer to <paramref name="command"/>; applies it to the model when accepted.</summary>
    public Expected Decide(LedgerCommand command)
    {
        if (ShapeError(command) is { } shape)
        {
            return new Refused(shape);
        }

        // The same request means the same values (10 = 10.00); the version it is pinned to is not part of it.
        var body = command.GetType().Name + JsonSerializer.Serialize(command with { ExpectedVersion = null }, command.GetType(), ByValue);
        if (processed.TryGetValue(command.CommandId, out var earlier))
        {
            return earlier.Body == body ? earlier.Result with { Replayed = true } : new Refused("idempotency_key_reused");
        }

        var transferId = (command as TransferMoneyCommand)?.TransferId;
        if (transferId is not null && transfers.TryGetValue(transferId, out var moved))
        {
            return moved.Body == body ? moved.Result with { Replayed = true } : new Refused("idempotency_key_reused");
        }

        // A missing account is the answer whatever version was expected; only an open may find none.
        var pinned = Accounts.GetValueOrDefault(PinnedAccount(command));
        if (command.ExpectedVersion is { } expectedVersion && (pinned is not null || command is OpenAccountCommand) && expectedVersion != (pinned?.Version ?? 0))
        {
            // Not the id's answer: the caller corrects the version and sends the request again under it.
            return new Refused("version_mismatch");
        }

        var result = command switch
        {
            OpenAccountCommand o => Open(o),
            DepositMoneyCommand d => Deposit(d),
            WithdrawMoneyCommand w => Withdraw(w),
            TransferMoneyCommand t => Transfer(t),
            CloseAccountCommand c => Close(c),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        // Every answer past the shape check is the command id's answer for good, refusals included,
        // except invalid input that only the account's currency reveals: it is never recorded.
        if (result is not Refused { Code: "validation_failed" })
        {
            processed[command.CommandId] = (body, result);
        }

        if (transferId is not null && result is not Refused)
        {
            transfers[transferId] = (body, result);
        }

        return result;
    }

    private Expected Open(OpenAccountCommand o)
    {
        if (Accounts.ContainsKey(o.AccountId!))
        {
            return new Refused("account_exists");
        }

        if (o.InitialDeposit > MaxDeposit)
        {
            return new Refused("deposit_limit_exceeded");
        }

        var account = new ModelAccount(o.AccountId!, o.Currency, Minor(o.InitialDeposit, o.Currency), false, 1);
        Accounts[account.Id] = account;
        return new Accepted([account]);
    }

    private Expected Deposit(DepositMoneyCommand d)
    {
        if (Usable(d.AccountId) is { } refused)
        {
            return refused;
        }

        var account = Accounts[d.AccountId];
        if (d.Amount > MaxDeposit)
        {
            return new Refused("deposit_limit_exceeded");
        }

        if (!Fits(d.Amount, account.Currency))
        {
            return new Refused("validation_failed");
        }

        return Commit(account with { Minor = account.Minor + Minor(d.Amount, account.Currency) });
    }

    private Expected Withdraw(WithdrawMoneyCommand w)
    {
        if (Usable(w.AccountId) is { } refused)
        {
            return refused;
        }

        var account = Accounts[w.AccountId];
        if (w.Amount > MaxBalance || !Fits(w.Amount, account.Currency))
        {
            return new Refused("validation_failed");
        }

        var amount = Minor(w.Amount, account.Currency);
        return amount > account.Minor ? new Refused("insufficient_funds") : Commit(account with { Minor = account.Minor - amount });
    }

    private Expected Transfer(TransferMoneyCommand t)
    {
        if ((Usable(t.FromAccountId) ?? Usable(t.ToAccountId)) is { } refused)
        {
            return refused;
        }

        var source = Accounts[t.FromAccountId];
        var destination = Accounts[t.ToAccountId];
        if (source.Currency != destination.Currency)
        {
            return new Refused("currency_mismatch");
        }

        if (t.Amount > MaxBalance || !Fits(t.Amount, source.Currency))
        {
            return new Refused("validation_failed");
        }

        var amount = Minor(t.Amount, source.Currency);
        if (amount > source.Minor)
        {
            return new Refused("insufficient_funds");
        }

        var debited = source with { Minor = source.Minor - amount, Version = source.Version + 1 };
        var credited = destination with { Minor = destination.Minor + amount, Version = destination.Version + 1 };
        Accounts[source.Id] = debited;
        Accounts[destination.Id] = credited;
        return new Accepted([debited, credited]);
    }

    private Expected Close(CloseAccountCommand c)
    {
        if (Usable(c.AccountId) is { } refused)
        {
            return refused;
        }

        var account = Accounts[c.AccountId];
        return account.Minor != 0 ? new Refused("balance_not_zero") : Commit(account with { Closed = true });
    }

    /// <summary>The account whose version a command's If-Match (expected version) is about: a transfer's source.</summary>
    public static string PinnedAccount(LedgerCommand command) => command switch
    {
        OpenAccountCommand o => o.AccountId!,
        DepositMoneyCommand d => d.AccountId,
        WithdrawMoneyCommand w => w.AccountId,
        TransferMoneyCommand t => t.FromAccountId,
        CloseAccountCommand c => c.AccountId,
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private Accepted Commit(ModelAccount changed)
    {
        var next = changed with { Version = changed.Version + 1 };
        Accounts[next.Id] = next;
        return new Accepted([next]);
    }

    private Refused? Usable(string id) =>
        !Accounts.TryGetValue(id, out var account) ? new Refused("account_not_found")
        : account.Closed ? new Refused("account_closed")
        : null;

    /// <summary>True when the amount is a whole number of the currency's minor units.</summary>
    private static bool Fits(decimal amount, string currency)
    {
        var scaled = InMinorUnits(amount, currency);
        return scaled == decimal.Truncate(scaled);
    }

    private static long Minor(decimal amount, string currency) => (long)InMinorUnits(amount, currency);

    private static decimal InMinorUnits(decimal amount, string currency)
    {
        var scaled = amount;
        for (var i = 0; i < Digits[currency]; i++)
        {
            scaled *= 10;
        }

        return scaled;
    }
}
