namespace Ledger.Domain.Tests.Accounts;

public sealed class DepositMoneyTests
{
    [Fact]
    public void Deposit_OfExactlyTheLimit_IsAccepted()
    {
        Given(Opened())
            .When(Deposit(1_000_000m))
            .Then(new MoneyDeposited(Id, 1_000_000m, "ref-1", "Salary", Now));
    }

    [Theory]
    [InlineData("1000000.01")]
    [InlineData("1000001")]
    [InlineData("999999999999")]
    [InlineData("5000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Deposit_AboveTheLimit_IsRejected(string amount)
    {
        var error = Given(Opened())
            .When(Deposit(Dec.Parse(amount)))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);

        Assert.StartsWith("A single deposit is limited to 1,000,000.00 EUR; got ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposit_AboveTheLimit_QuotesBothAmountsGroupedWithTheirCurrency()
    {
        var error = Given(Opened())
            .When(Deposit(1_000_000.01m))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);

        Assert.Equal("A single deposit is limited to 1,000,000.00 EUR; got 1,000,000.01 EUR.", error.Message);
    }

    [Fact]
    public void Deposit_WithReferenceAtMaximumLength_IsAccepted()
    {
        var reference = new string('r', Input.ReferenceMaxLength);

        Given(Opened())
            .When(Deposit(10m, reference: reference))
            .Then(new MoneyDeposited(Id, 10m, reference, "Salary", Now));
    }

    [Fact]
    public void Deposit_WithDescriptionAtMaximumLength_IsAccepted()
    {
        var description = new string('d', Input.DescriptionMaxLength);

        Given(Opened())
            .When(Deposit(10m, description: description))
            .Then(new MoneyDeposited(Id, 10m, "ref-1", description, Now));
    }

    [Theory]
    [InlineData("first line\nsecond line")]
    [InlineData("first line\r\nsecond line")]
    [InlineData("column\tcolumn")]
    public void Deposit_WithLineBreaksOrTabsInDescription_IsAccepted(string description)
    {
        Given(Opened())
            .When(Deposit(10m, description: description))
            .Then(new MoneyDeposited(Id, 10m, "ref-1", description, Now));
    }

    [Fact]
    public void Deposit_ThatWouldLiftTheBalanceAboveTheMaximum_IsRejected()
    {
        var error = Given(Opened(initialDeposit: Amounts.MaxBalance - 0.50m))
            .When(Deposit(1m))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);

        Assert.Equal("This would take the balance of 'acc-1' above the maximum of 1,000,000,000,000.00 EUR.", error.Message);
    }

    [Fact]
    public void Deposit_ThatLiftsTheBalanceExactlyToTheMaximum_IsAccepted()
    {
        var account = Given(Opened(initialDeposit: Amounts.MaxBalance - 0.50m))
            .When(Deposit(0.50m))
            .ThenAccepted()
            .State;

        Assert.Equal(Amounts.MaxBalance, account.Balance);
    }
}
