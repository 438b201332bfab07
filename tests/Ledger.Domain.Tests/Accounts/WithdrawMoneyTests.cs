namespace Ledger.Domain.Tests.Accounts;

public sealed class WithdrawMoneyTests
{
    [Fact]
    public void Withdraw_WhenBalanceInsufficient_IsRejected()
    {
        var error = Given(Opened(initialDeposit: 50m), Deposited(20.50m))
            .When(Withdraw(100m))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.Equal("Insufficient funds: 100.00 EUR requested, but the balance of 'acc-1' is 70.50 EUR.", error.Message);
    }

    [Theory]
    [InlineData("JPY", "1500", "2000", "2,000 JPY requested, but the balance of 'acc-1' is 1,500 JPY.")]
    [InlineData("KWD", "1.5", "2", "2.000 KWD requested, but the balance of 'acc-1' is 1.500 KWD.")]
    // Even one cent more than the balance, or than an empty account, is too much.
    [InlineData("EUR", "8600.00", "8600.01", "8,600.01 EUR requested, but the balance of 'acc-1' is 8,600.00 EUR.")]
    [InlineData("EUR", "0", "0.01", "0.01 EUR requested, but the balance of 'acc-1' is 0.00 EUR.")]
    public void Withdraw_WhenBalanceInsufficient_NamesRequestAndBalanceGroupedInTheCurrencyDigits(
        string currency, string balance, string requested, string expected)
    {
        var error = Given(Opened(currency: currency, initialDeposit: Dec.Parse(balance)))
            .When(Withdraw(Dec.Parse(requested)))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.Equal("Insufficient funds: " + expected, error.Message);
    }

    [Fact]
    public void Withdraw_TheWholeBalance_LeavesExactlyZero()
    {
        var account = Given(Opened(initialDeposit: 70m), Deposited(0.50m))
            .When(Withdraw(70.50m))
            .Then(new MoneyWithdrawn(Id, 70.50m, "atm-7", "Cash", Now))
            .State;

        Assert.Equal(0m, account.Balance);
    }
}
