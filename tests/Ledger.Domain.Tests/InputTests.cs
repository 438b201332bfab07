using System.Globalization;
using Ledger.Domain.Tests.Accounts;
using Ledger.Domain.Tests.Money;

namespace Ledger.Domain.Tests;

/// <summary>
/// Every command checks the shape of its input with the same rules (<see cref="Input"/>): ids, required and
/// optional text, amounts in the currency's digits. Whatever the command, a malformed input is refused with
/// validation_failed naming the field, before anything else is decided; a description left out is filled in.
/// </summary>
public sealed class InputTests
{
    /// <summary>Every command that takes an amount, with the amounts it must refuse: not positive (for an opening, negative: zero is allowed there).</summary>
    public static TheoryData<string, string> NotPositiveAmounts => new()
    {
        { "deposit", "0" },
        { "deposit", "0.00" },
        { "deposit", "-0.01" },
        { "deposit", "-100" },
        { "withdraw", "0" },
        { "withdraw", "-0.01" },
        { "withdraw", "-50" },
        { "transfer", "0" },
        { "transfer", "-0.01" },
        { "transfer", "-10" },
        { "open", "-0.01" },
        { "open", "-1" },
        { "open", "-1000000" },
    };

    /// <summary>Every command that takes an amount with every amount its currency cannot hold (<see cref="CurrencyAmounts.TooPrecise"/>).</summary>
    public static TheoryData<string, string, string> TooPreciseAmounts => EveryCommand(["open", "deposit", "withdraw", "transfer"], CurrencyAmounts.TooPrecise);

    /// <summary>The commands whose amount becomes the event's, with every amount its currency holds (<see cref="CurrencyAmounts.WithinItsDigits"/>).</summary>
    public static TheoryData<string, string, string> AmountsWithinTheirDigits => EveryCommand(["open", "deposit"], CurrencyAmounts.WithinItsDigits);

    [Theory]
    [MemberData(nameof(NotPositiveAmounts))]
    public void AnyCommand_WithAnAmountThatIsNotPositive_IsRejectedNamingTheField(string command, string amount)
    {
        WithAmount(command, "EUR", Dec.Parse(amount))
            .ThenRejected(ErrorCodes.ValidationFailed, AmountField(command));
    }

    [Theory]
    // More decimals than the currency allows: refused, never rounded.
    [MemberData(nameof(TooPreciseAmounts))]
    // More than any balance can hold: a validation error, not insufficient funds.
    [InlineData("withdraw", "EUR", "1000000000001")]
    [InlineData("withdraw", "EUR", "79228162514264337593543950335")]
    public void AnyCommand_WithAnAmountItCannotTake_IsRejectedNamingTheField(string command, string currency, string amount)
    {
        WithAmount(command, currency, Dec.Parse(amount))
            .ThenRejected(ErrorCodes.ValidationFailed, AmountField(command));
    }

    [Theory]
    [MemberData(nameof(AmountsWithinTheirDigits))]
    public void AnyCommand_WithTheDecimalsTheCurrencyAllows_IsAcceptedWithThatAmount(string command, string currency, string amount)
    {
        var value = Dec.Parse(amount);
        IAccountEvent expected = command == "open"
            ? new AccountOpened(Id, "h-42", "Ada Lovelace", currency, value, Now)
            : new MoneyDeposited(Id, value, "ref-1", "Salary", Now);

        WithAmount(command, currency, value).Then(expected);
    }

    /// <summary>Every required text field, as (command, field), left out, empty and blank.</summary>
    public static TheoryData<string, string, string?> RequiredTextLeftEmpty()
    {
        var cases = new TheoryData<string, string, string?>();
        foreach (var (command, field) in new[] { ("deposit", "transactionReference"), ("withdraw", "transactionReference"), ("close", "reason"), ("open", "holderId") })
        {
            foreach (var empty in new[] { null, "", " ", "   " })
            {
                cases.Add(command, field, empty);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(RequiredTextLeftEmpty))]
    // Control characters; a description may break lines (DepositMoneyTests), nothing else may.
    [InlineData("deposit", "transactionReference", "ref\0")]
    [InlineData("deposit", "transactionReference", "ref\n")]
    [InlineData("deposit", "transactionReference", "re\tf")]
    [InlineData("deposit", "transactionReference", "ref\u001b[2J")]
    [InlineData("deposit", "transactionReference", "ref\u007f")]
    [InlineData("deposit", "transactionReference", "ref\u0085")]
    [InlineData("deposit", "description", "pay\0day")]
    [InlineData("deposit", "description", "bell\u0007")]
    [InlineData("deposit", "description", "\u001b[31mred")]
    [InlineData("deposit", "description", "del\u007f")]
    [InlineData("withdraw", "description", "cash\0")]
    [InlineData("transfer", "description", "rent\u0000")]
    [InlineData("open", "holderId", "h-42\0")]
    [InlineData("open", "holderId", "h\n42")]
    [InlineData("open", "holderName", "Ada\u0007")]
    [InlineData("open", "holderName", "Ada\nLovelace")]
    // Not an ISO 4217 code as written.
    [InlineData("open", "currency", "eur")]
    [InlineData("open", "currency", "Eur")]
    [InlineData("open", "currency", "XXX")]
    [InlineData("open", "currency", "EURO")]
    [InlineData("open", "currency", "EU")]
    [InlineData("open", "currency", " EUR")]
    [InlineData("open", "currency", "")]
    [InlineData("open", "currency", null)]
    public void AnyCommand_WithTextItCannotTake_IsRejectedNamingTheField(string command, string field, string? text)
    {
        WithText(command, field, text).ThenRejected(ErrorCodes.ValidationFailed, field);
    }

    [Theory]
    [InlineData("deposit", null)]
    [InlineData("deposit", "")]
    [InlineData("deposit", "   ")]
    [InlineData("withdraw", null)]
    [InlineData("withdraw", "")]
    [InlineData("transfer", null)]
    [InlineData("transfer", "")]
    [InlineData("transfer", "  ")]
    public void AnyMove_WithoutADescription_IsDescribedByItsKind(string command, string? description)
    {
        IAccountEvent[] expected = command switch
        {
            "deposit" => [new MoneyDeposited(Id, 10m, "ref-1", "Deposit", Now)],
            "withdraw" => [new MoneyWithdrawn(Id, 10m, "atm-7", "Withdrawal", Now)],
            "transfer" => Legs(10m, "Transfer"),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };

        WithText(command, "description", description).Then(expected);
    }

    [Theory]
    [InlineData("deposit", "transactionReference", Input.ReferenceMaxLength)]
    [InlineData("deposit", "description", Input.DescriptionMaxLength)]
    [InlineData("withdraw", "transactionReference", Input.ReferenceMaxLength)]
    [InlineData("withdraw", "description", Input.DescriptionMaxLength)]
    [InlineData("transfer", "description", Input.DescriptionMaxLength)]
    [InlineData("close", "reason", Input.ReasonMaxLength)]
    [InlineData("close", "closedBy", Input.ActorMaxLength)]
    [InlineData("open", "holderId", Input.HolderIdMaxLength)]
    [InlineData("open", "holderName", Input.HolderNameMaxLength)]
    public void AnyCommand_WithTextOverItsMaximumLength_IsRejectedNamingTheLimit(string command, string field, int maxLength)
    {
        var error = WithText(command, field, new string('x', maxLength + 1)).ThenRejected(ErrorCodes.ValidationFailed, field);

        Assert.Contains(maxLength.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every id field, as (command, field), with every id no field may take.</summary>
    public static TheoryData<string, string, string> MalformedIds()
    {
        string[] ids =
        [
            "", "-acc", "_acc", "acc 1", " acc", "acc.1", "acc/1", "kontö",
            // $ would match before a final line break; the pattern must not.
            "acc\n", "acc\r\n",
            new string('0', 65),
        ];
        var cases = new TheoryData<string, string, string>();
        foreach (var (command, field) in new[] { ("deposit", "accountId"), ("transfer", "transferId"), ("transfer", "fromAccountId"), ("transfer", "toAccountId"), ("open", "accountId") })
        {
            foreach (var id in ids)
            {
                cases.Add(command, field, id);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public void AnyCommand_WithAMalformedId_IsRejectedNamingTheField(string command, string field, string id)
    {
        WithText(command, field, id).ThenRejected(ErrorCodes.ValidationFailed, field);
    }

    private static string AmountField(string command) => command == "open" ? "initialDeposit" : "amount";

    private static TheoryData<string, string, string> EveryCommand(string[] commands, TheoryData<string, string> amounts)
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var command in commands)
        {
            foreach (var row in amounts)
            {
                cases.Add(command, (string)row[0], (string)row[1]);
            }
        }

        return cases;
    }

    /// <summary>
    /// The command with <paramref name="amount"/> and defaults elsewhere, on an account (two, for a transfer) that
    /// holds 100 of <paramref name="currency"/>; an opening has no history.
    /// </summary>
    private static Outcome WithAmount(string command, string currency, decimal amount) => command switch
    {
        "open" => Given().When(Open(currency: currency, initialDeposit: amount)),
        "deposit" => Given(Opened(currency: currency, initialDeposit: 100m)).When(Deposit(amount)),
        "withdraw" => Given(Opened(currency: currency, initialDeposit: 100m)).When(Withdraw(amount)),
        "transfer" => Given(Opened(Id, 100m, currency), Opened(Other, 100m, currency, minute: 1)).When(Transfer(amount)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>The command with <paramref name="text"/> as its <paramref name="field"/> and defaults elsewhere, as in <see cref="WithAmount"/>.</summary>
    private static Outcome WithText(string command, string field, string? text)
    {
        if (command == "transfer")
        {
            var transfer = field switch
            {
                "description" => Transfer(10m, description: text),
                "transferId" => Transfer(10m, transferId: text!),
                "fromAccountId" => Transfer(10m, from: text!),
                "toAccountId" => Transfer(10m, to: text!),
                _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
            };
            return Given(Opened(Id, 100m), Opened(Other, 100m, minute: 1)).When(transfer);
        }

        var decision = (command, field) switch
        {
            ("open", "accountId") => Open(accountId: text!),
            ("open", "holderId") => Open(holderId: text!),
            ("open", "holderName") => Open(holderName: text),
            ("open", "currency") => Open(currency: text!),
            ("deposit", "accountId") => Deposit(10m, accountId: text!),
            ("deposit", "transactionReference") => Deposit(10m, reference: text!),
            ("deposit", "description") => Deposit(10m, description: text),
            ("withdraw", "transactionReference") => Withdraw(10m, reference: text!),
            ("withdraw", "description") => Withdraw(10m, description: text),
            ("close", "reason") => Close(reason: text!),
            ("close", "closedBy") => Close(closedBy: text),
            _ => throw new ArgumentOutOfRangeException(nameof(field), $"{command} {field}", null),
        };
        return command == "open" ? Given().When(decision) : Given(Opened(initialDeposit: 100m)).When(decision);
    }
}
