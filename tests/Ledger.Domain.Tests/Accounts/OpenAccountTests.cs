using Ledger.Domain.Accounts;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

public sealed class OpenAccountTests
{
    private static OpenAccount Open(
        string accountId = Id, string holderId = "h-42", string? holderName = "Ada Lovelace",
        string currency = "EUR", decimal initialDeposit = 100m) =>
        new(accountId, holderId, holderName, currency, initialDeposit);

    [Fact]
    public void Open_NewAccount_EmitsAccountOpenedAtNow()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(), now))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_NewAccount_StartsActiveAtVersionOneWithTheInitialDeposit()
    {
        var account = Given()
            .When((state, now) => OpenAccount.Decide(state, Open(initialDeposit: 12.34m), now))
            .ThenAccepted()
            .State;

        Assert.Equal(12.34m, account.Balance);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal(1, account.Version);
        Assert.Equal(Now, account.OpenedAt);
        Assert.Equal(Now, account.LastUpdatedAt);
    }

    [Fact]
    public void Open_WithClockInAnotherOffset_RecordsUtc()
    {
        var local = new DateTimeOffset(2025, 3, 14, 14, 0, 0, TimeSpan.FromHours(2));

        var opened = Given().At(local)
            .When((state, now) => OpenAccount.Decide(state, Open(), now))
            .ThenAccepted()
            .Events.Single();

        Assert.Equal(TimeSpan.Zero, opened.OccurredAt.Offset);
        Assert.Equal(local.UtcDateTime, opened.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void Open_WithZeroInitialDeposit_IsAccepted()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(initialDeposit: 0m), now))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", "EUR", 0m, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WithoutHolderName_UsesTheHolderIdAsName(string? holderName)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: "h-42", holderName: holderName), now))
            .Then(new AccountOpened(Id, "h-42", "h-42", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithPaddedHolderIdAndName_StoresThemTrimmed()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: "  h-42 ", holderName: " Ada "), now))
            .Then(new AccountOpened(Id, "h-42", "Ada", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithPaddedHolderIdAndNoName_UsesTheTrimmedHolderIdAsName()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: " h-42 ", holderName: null), now))
            .Then(new AccountOpened(Id, "h-42", "h-42", "EUR", 100m, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WithoutHolderId_IsRejected(string? holderId)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: holderId!), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "holderId");
    }

    [Fact]
    public void Open_WithHolderIdAtMaximumLength_IsAccepted()
    {
        var holderId = new string('h', Input.HolderIdMaxLength);

        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: holderId), now))
            .Then(new AccountOpened(Id, holderId, "Ada Lovelace", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithHolderIdOverMaximumLength_IsRejected()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderId: new string('h', Input.HolderIdMaxLength + 1)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "holderId");
    }

    [Fact]
    public void Open_WithHolderNameOverMaximumLength_IsRejected()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(holderName: new string('n', Input.HolderNameMaxLength + 1)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "holderName");
    }

    [Theory]
    [InlineData("h-42\0", "holderId")]
    [InlineData("h\n42", "holderId")]
    [InlineData("Ada\u0007", "holderName")]
    [InlineData("Ada\nLovelace", "holderName")]
    public void Open_WithControlCharacterInHolder_IsRejected(string value, string field)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, field == "holderId" ? Open(holderId: value) : Open(holderName: value), now))
            .ThenRejected(ErrorCodes.ValidationFailed, field);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("Eur")]
    [InlineData("XXX")]
    [InlineData("EURO")]
    [InlineData("EU")]
    [InlineData(" EUR")]
    [InlineData("")]
    [InlineData(null)]
    public void Open_WithUnknownCurrency_IsRejected(string? currency)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(currency: currency!), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "currency");
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CHF")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    [InlineData("BHD")]
    public void Open_WithKnownCurrency_IsAccepted(string currency)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(currency: currency, initialDeposit: 5m), now))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", currency, 5m, Now));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-1")]
    [InlineData("-1000000")]
    public void Open_WithNegativeInitialDeposit_IsRejected(string initialDeposit)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(initialDeposit: Dec.Parse(initialDeposit)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "initialDeposit");
    }

    [Theory]
    [InlineData("EUR", "10.001")]
    [InlineData("USD", "0.005")]
    [InlineData("JPY", "100.5")]
    [InlineData("JPY", "0.1")]
    [InlineData("KWD", "1.0001")]
    [InlineData("BHD", "1.0001")]
    public void Open_WithMoreDecimalsThanTheCurrencyAllows_IsRejected(string currency, string initialDeposit)
    {
        var amount = Dec.Parse(initialDeposit);

        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(currency: currency, initialDeposit: amount), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "initialDeposit");
    }

    [Theory]
    [InlineData("EUR", "10.01")]
    [InlineData("EUR", "10.100")]
    [InlineData("JPY", "100")]
    [InlineData("JPY", "100.00")]
    [InlineData("KWD", "1.001")]
    [InlineData("BHD", "1.001")]
    [InlineData("BHD", "1.0010")]
    public void Open_WithDecimalsTheCurrencyAllows_IsAccepted(string currency, string initialDeposit)
    {
        var amount = Dec.Parse(initialDeposit);

        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(currency: currency, initialDeposit: amount), now))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", currency, amount, Now));
    }

    [Fact]
    public void Open_WhenAccountAlreadyExists_IsRejected()
    {
        Given(Opened())
            .When((state, now) => OpenAccount.Decide(state, Open(), now))
            .ThenRejected(ErrorCodes.AccountExists);
    }

    [Fact]
    public void Open_WhenAccountExistedAndWasClosed_IsRejectedAsExisting()
    {
        Given(Opened(), Closed())
            .When((state, now) => OpenAccount.Decide(state, Open(), now))
            .ThenRejected(ErrorCodes.AccountExists);
    }

    [Fact]
    public void Open_WithInitialDepositAtTheDepositLimit_IsAccepted()
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(initialDeposit: 1_000_000m), now))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", "EUR", 1_000_000m, Now));
    }

    [Theory]
    [InlineData("1000000.01")]
    [InlineData("1000001")]
    [InlineData("50000000")]
    [InlineData("5000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Open_WithInitialDepositAboveTheDepositLimit_IsRejected(string initialDeposit)
    {
        var amount = Dec.Parse(initialDeposit);

        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(initialDeposit: amount), now))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("Acc-1")]
    [InlineData("acc_1-X")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void Open_WithWellFormedAccountId_IsAccepted(string accountId)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(accountId: accountId), now))
            .Then(new AccountOpened(accountId, "h-42", "Ada Lovelace", "EUR", 100m, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-acc")]
    [InlineData("_acc")]
    [InlineData("acc 1")]
    [InlineData(" acc")]
    [InlineData("acc.1")]
    [InlineData("acc/1")]
    [InlineData("kontö")]
    [InlineData("acc\n")]
    [InlineData("acc\r\n")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Open_WithMalformedAccountId_IsRejected(string accountId)
    {
        Given()
            .When((state, now) => OpenAccount.Decide(state, Open(accountId: accountId), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "accountId");
    }
}
