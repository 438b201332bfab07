namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// A command refuses malformed input the moment it is built, before any account is read, and the refusal is
/// part of the contract twice over: the field a program reads and the sentence a person reads (the API and
/// the dialogs show both as they are). Found by mutation testing: these words could change unnoticed.
/// </summary>
public sealed class RefusalWordsTests
{
    private const string Reference = "REF-1";

    /// <summary>Each case: how the command is built, the field it names, the words it says.</summary>
    private static readonly Dictionary<string, (Func<object> Build, string Field, string Words)> Refusals = new()
    {
        ["deposit of nothing"] = (() => new DepositMoney("ACC-1", 0m, Reference, null), "amount", "The amount must be greater than zero; got 0."),
        ["withdrawal below zero"] = (() => new WithdrawMoney("ACC-1", -2.5m, Reference, null), "amount", "The amount must be greater than zero; got -2.5."),
        ["transfer of nothing"] = (() => new TransferMoney("T-1", "A-1", "B-1", 0m, null), "amount", "The amount must be greater than zero; got 0."),
        ["deposit with a blank reference"] = (() => new DepositMoney("ACC-1", 1m, " ", null), "transactionReference", "The transaction reference is required."),
        ["deposit with an overlong description"] = (() => new DepositMoney("ACC-1", 1m, Reference, new string('d', Input.DescriptionMaxLength + 1)),
            "description", $"The description is {Input.DescriptionMaxLength + 1} characters long; the limit is {Input.DescriptionMaxLength}."),
        ["deposit with a reference of 101 emoji"] = (() => new DepositMoney("ACC-1", 1m, string.Concat(Enumerable.Repeat("\U0001F600", Input.ReferenceMaxLength + 1)), null),
            "transactionReference", $"The transaction reference is {Input.ReferenceMaxLength + 1} characters long; the limit is {Input.ReferenceMaxLength}."),
        ["transfer with a bell in its description"] = (() => new TransferMoney("T-1", "A-1", "B-1", 1m, "ring\u0007"), "description", "The description contains a control character."),
        ["close with no account id"] = (() => new CloseAccount("", "Moved abroad", null), "accountId", "An account id is required."),
        ["close of a malformed account id"] = (() => new CloseAccount("-ACC", "Moved abroad", null),
            "accountId", "An account id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."),
        ["close without a reason"] = (() => new CloseAccount("ACC-1", "", null), "reason", "The reason is required."),
        ["close by an overlong name"] = (() => new CloseAccount("ACC-1", "Moved abroad", new string('c', Input.ActorMaxLength + 1)),
            "closedBy", $"Closed by is {Input.ActorMaxLength + 1} characters long; the limit is {Input.ActorMaxLength}."),
        ["open without a holder id"] = (() => new OpenAccount("ACC-1", "", null, "EUR", 0m), "holderId", "The holder id is required."),
        ["open with an overlong holder name"] = (() => new OpenAccount("ACC-1", "H-1", new string('h', Input.HolderNameMaxLength + 1), "EUR", 0m),
            "holderName", $"The holder name is {Input.HolderNameMaxLength + 1} characters long; the limit is {Input.HolderNameMaxLength}."),
        ["open in a ten-letter currency"] = (() => new OpenAccount("ACC-1", "H-1", null, "EUROPEANDO", 0m),
            "currency", "'EUROPEANDO' is not an ISO 4217 currency code (three capital letters, such as EUR)."),
        ["open in an eleven-letter currency"] = (() => new OpenAccount("ACC-1", "H-1", null, "EUROPEANDOL", 0m),
            "currency", "'EUROPEANDO…' is not an ISO 4217 currency code (three capital letters, such as EUR)."),
        ["open in gold"] = (() => new OpenAccount("ACC-1", "H-1", null, "XAU", 0m),
            "currency", "'XAU' is not one of the currencies Ledger keeps accounts in: the ISO 4217 currencies in circulation, such as EUR."),
        ["open in a lower-case currency"] = (() => new OpenAccount("ACC-1", "H-1", null, "eur", 0m),
            "currency", "'eur' is not an ISO 4217 currency code (three capital letters, such as EUR)."),
        ["transfer under a malformed id"] = (() => new TransferMoney("rent for march", "A-1", "B-1", 1m, null),
            "transferId", "A transfer id is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."),
        ["open with half a yen"] = (() => new OpenAccount("ACC-1", "H-1", null, "JPY", 0.5m), "initialDeposit", "JPY has no minor unit, so 0.5 cannot be used; give a whole number."),
        ["open with a tenth of a cent"] = (() => new OpenAccount("ACC-1", "H-1", null, "EUR", 10.001m), "initialDeposit", "EUR allows 2 decimal places; 10.001 has more."),
    };

    public static TheoryData<string> RefusalCases => new(Refusals.Keys);

    [Theory]
    [MemberData(nameof(RefusalCases))]
    public void AMalformedCommand_IsRefusedWhenBuilt_NamingTheFieldInWordsAPersonReads(string command)
    {
        var (build, field, words) = Refusals[command];

        var refused = Assert.Throws<DomainException>(build);

        Assert.Equal((ErrorCodes.ValidationFailed, field, words), (refused.Code, refused.Field, refused.Message));
    }

    [Fact]
    public void ALimit_CountsCharactersAsAPersonDoes_NotUtf16Halves()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", Input.ReferenceMaxLength));

        var deposit = new DepositMoney("ACC-1", 1m, emoji, null);

        Assert.Equal(2 * Input.ReferenceMaxLength, deposit.TransactionReference.Length);
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

        Assert.Equal(("currency", "'XYZ' is not one of the currencies Ledger keeps accounts in: the ISO 4217 currencies in circulation, such as EUR."), (refused.Field, refused.Message));
    }

    [Fact]
    public void AnEventTheAccountDoesNotKnow_CannotBeFolded()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Account.Evolve(null, new Stranger("ACC-1", Spec.Now)));

        Assert.StartsWith("Unknown account event.", thrown.Message, StringComparison.Ordinal);
    }

    private sealed record Stranger(string AccountId, DateTimeOffset OccurredAt) : IAccountEvent;
}
