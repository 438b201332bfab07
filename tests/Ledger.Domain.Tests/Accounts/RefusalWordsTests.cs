namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// A command refuses malformed input the moment it is built, before any account is read, and the refusal is
/// part of the contract twice over: the field a program reads and the sentence a person reads (the API and
/// the dialogs show both as they are). Found by mutation testing: these words could change unnoticed.
/// </summary>
public sealed class RefusalWordsTests
{
    private const string Reference = "REF-1";

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "deposit of nothing", "amount", "The amount must be greater than zero; got 0." },
        { "withdrawal below zero", "amount", "The amount must be greater than zero; got -2.5." },
        { "transfer of nothing", "amount", "The amount must be greater than zero; got 0." },
        { "deposit with a blank reference", "transactionReference", "The transaction reference is required." },
        { "deposit with an overlong description", "description", $"The description is {Input.DescriptionMaxLength + 1} characters long; the limit is {Input.DescriptionMaxLength}." },
        { "transfer with a bell in its description", "description", "The description contains a control character." },
        { "close with no account id", "accountId", "An account id is required." },
        { "close of a malformed account id", "accountId", "An account id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit." },
        { "close without a reason", "reason", "The reason is required." },
        { "close by an overlong name", "closedBy", $"Closed by is {Input.ActorMaxLength + 1} characters long; the limit is {Input.ActorMaxLength}." },
        { "open without a holder id", "holderId", "The holder id is required." },
        { "open with an overlong holder name", "holderName", $"The holder name is {Input.HolderNameMaxLength + 1} characters long; the limit is {Input.HolderNameMaxLength}." },
        { "open in a ten-letter currency", "currency", "'EUROPEANDO' is not an ISO 4217 currency code (three capital letters, such as EUR)." },
        { "open in an eleven-letter currency", "currency", "'EUROPEANDO…' is not an ISO 4217 currency code (three capital letters, such as EUR)." },
        { "open with half a yen", "initialDeposit", "JPY has no minor unit, so 0.5 cannot be used; give a whole number." },
        { "open with a tenth of a cent", "initialDeposit", "EUR allows 2 decimal places; 10.001 has more." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AMalformedCommand_IsRefusedWhenBuilt_NamingTheFieldInWordsAPersonReads(string command, string field, string words)
    {
        var refused = Assert.Throws<DomainException>(() => Build(command));

        Assert.Equal((ErrorCodes.ValidationFailed, field, words), (refused.Code, refused.Field, refused.Message));
    }

    [Fact]
    public void ATransferDescription_MayRunOverSeveralLines()
    {
        var transfer = new TransferMoney("T-1", "A-1", "B-1", 1m, "Rent\r\nMarch\tand April");

        Assert.Equal("Rent\r\nMarch\tand April", transfer.Description);
    }

    [Fact]
    public void WithdrawingExactlyTheLargestBalance_EmptiesTheAccount_AndOneCentMoreIsNoAmountAtAll()
    {
        var full = new AccountOpened("ACC-1", "H-1", "Holder", "EUR", Amounts.MaxBalance, Spec.Now);

        Spec.Given(full)
            .When((state, now) => WithdrawMoney.Decide(state, new WithdrawMoney("ACC-1", Amounts.MaxBalance, Reference, null), now))
            .Then(new MoneyWithdrawn("ACC-1", Amounts.MaxBalance, Reference, WithdrawMoney.DefaultDescription, Spec.Now));
        Spec.Given(full)
            .When((state, now) => WithdrawMoney.Decide(state, new WithdrawMoney("ACC-1", Amounts.MaxBalance + 0.01m, Reference, null), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Fact]
    public void APositiveAmountCheck_RefusesZero_EvenOnItsOwn()
    {
        var refused = Assert.Throws<DomainException>(() => Input.PositiveAmount(0m, "EUR", "total"));

        Assert.Equal(("total", "The amount must be greater than zero; got 0."), (refused.Field, refused.Message));
    }

    [Fact]
    public void MinorUnits_RefuseDigitsTheCurrencyDoesNotHave_InWords()
    {
        var refused = Assert.Throws<DomainException>(() => Amounts.ToMinorUnits(0.001m, "EUR"));

        Assert.Equal(("amount", "0.001 has more decimal places than EUR allows."), (refused.Field, refused.Message));
    }

    [Fact]
    public void AnUnknownCurrency_HasNoDecimalPlaces_AndSaysSo()
    {
        var refused = Assert.Throws<DomainException>(() => Currency.DecimalPlaces("XYZ"));

        Assert.Equal(("currency", "'XYZ' is not an ISO 4217 currency code."), (refused.Field, refused.Message));
    }

    [Fact]
    public void AnEventTheAccountDoesNotKnow_CannotBeFolded()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Account.Evolve(null, new Stranger("ACC-1", Spec.Now)));

        Assert.StartsWith("Unknown account event.", thrown.Message, StringComparison.Ordinal);
    }

    private static object Build(string command) => command switch
    {
        "deposit of nothing" => new DepositMoney("ACC-1", 0m, Reference, null),
        "withdrawal below zero" => new WithdrawMoney("ACC-1", -2.5m, Reference, null),
        "transfer of nothing" => new TransferMoney("T-1", "A-1", "B-1", 0m, null),
        "deposit with a blank reference" => new DepositMoney("ACC-1", 1m, " ", null),
        "deposit with an overlong description" => new DepositMoney("ACC-1", 1m, Reference, new string('d', Input.DescriptionMaxLength + 1)),
        "transfer with a bell in its description" => new TransferMoney("T-1", "A-1", "B-1", 1m, "ring\u0007"),
        "close with no account id" => new CloseAccount("", "Moved abroad", null),
        "close of a malformed account id" => new CloseAccount("-ACC", "Moved abroad", null),
        "close without a reason" => new CloseAccount("ACC-1", "", null),
        "close by an overlong name" => new CloseAccount("ACC-1", "Moved abroad", new string('c', Input.ActorMaxLength + 1)),
        "open without a holder id" => new OpenAccount("ACC-1", "", null, "EUR", 0m),
        "open with an overlong holder name" => new OpenAccount("ACC-1", "H-1", new string('h', Input.HolderNameMaxLength + 1), "EUR", 0m),
        "open in a ten-letter currency" => new OpenAccount("ACC-1", "H-1", null, "EUROPEANDO", 0m),
        "open in an eleven-letter currency" => new OpenAccount("ACC-1", "H-1", null, "EUROPEANDOL", 0m),
        "open with half a yen" => new OpenAccount("ACC-1", "H-1", null, "JPY", 0.5m),
        "open with a tenth of a cent" => new OpenAccount("ACC-1", "H-1", null, "EUR", 10.001m),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "No such case."),
    };

    private sealed record Stranger(string AccountId, DateTimeOffset OccurredAt) : IAccountEvent;
}
