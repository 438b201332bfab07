namespace Ledger.Domain.Tests.Accounts;

public sealed class OpenAccountTests
{
    [Fact]
    public void Open_NewAccount_EmitsAccountOpenedAtNow()
    {
        Given()
            .When(Open())
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_NewAccount_StartsActiveAtVersionOneWithTheInitialDeposit()
    {
        var account = Given()
            .When(Open(initialDeposit: 12.34m))
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
            .When(Open())
            .ThenAccepted()
            .Events.Single();

        Assert.Equal(TimeSpan.Zero, opened.OccurredAt.Offset);
        Assert.Equal(local.UtcDateTime, opened.OccurredAt.UtcDateTime);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000")]
    public void Open_WithAnInitialDepositFromZeroUpToTheDepositLimit_IsAccepted(string initialDeposit)
    {
        var amount = Dec.Parse(initialDeposit);

        Given()
            .When(Open(initialDeposit: amount))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", "EUR", amount, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WithoutHolderName_UsesTheHolderIdAsName(string? holderName)
    {
        Given()
            .When(Open(holderId: "h-42", holderName: holderName))
            .Then(new AccountOpened(Id, "h-42", "h-42", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithPaddedHolderIdAndName_StoresThemTrimmed()
    {
        Given()
            .When(Open(holderId: "  h-42 ", holderName: " Ada "))
            .Then(new AccountOpened(Id, "h-42", "Ada", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithPaddedHolderIdAndNoName_UsesTheTrimmedHolderIdAsName()
    {
        Given()
            .When(Open(holderId: " h-42 ", holderName: null))
            .Then(new AccountOpened(Id, "h-42", "h-42", "EUR", 100m, Now));
    }

    [Fact]
    public void Open_WithHolderIdAtMaximumLength_IsAccepted()
    {
        var holderId = new string('h', Input.HolderIdMaxLength);

        Given()
            .When(Open(holderId: holderId))
            .Then(new AccountOpened(Id, holderId, "Ada Lovelace", "EUR", 100m, Now));
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
            .When(Open(currency: currency, initialDeposit: 5m))
            .Then(new AccountOpened(Id, "h-42", "Ada Lovelace", currency, 5m, Now));
    }

    [Fact]
    public void Open_WhenAccountAlreadyExists_IsRejected()
    {
        Given(Opened())
            .When(Open())
            .ThenRejected(ErrorCodes.AccountExists);
    }

    [Fact]
    public void Open_WhenAccountExistedAndWasClosed_IsRejectedAsExisting()
    {
        Given(Opened(), Closed())
            .When(Open())
            .ThenRejected(ErrorCodes.AccountExists);
    }

    [Theory]
    [InlineData("1000000.01")]
    [InlineData("1000001")]
    [InlineData("50000000")]
    [InlineData("5000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Open_WithInitialDepositAboveTheDepositLimit_IsRejected(string initialDeposit)
    {
        var error = Given()
            .When(Open(initialDeposit: Dec.Parse(initialDeposit)))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);

        Assert.StartsWith("An initial deposit is limited to 1,000,000.00 EUR; got ", error.Message, StringComparison.Ordinal);
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
            .When(Open(accountId: accountId))
            .Then(new AccountOpened(accountId, "h-42", "Ada Lovelace", "EUR", 100m, Now));
    }
}
