namespace Ledger.Domain.Tests.Accounts;

public sealed class WithdrawMoneyTests
{
    [Fact]
    public void Withdraw_WhenBalanceInsufficient_IsRejected()
    {
        var error = Given(Opened(initialDeposit: 50m), Deposited(20.50m))
            .When(Withdraw(100m))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.StartsWith("Insufficient funds: balance 70.50, requested 100.00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JPY", "500", "1000", "balance 500, requested 1000")]
    [InlineData("KWD", "1.5", "2", "balance 1.500, requested 2.000")]
    // Even one cent more than the balance, or than an empty account, is too much.
    [InlineData("EUR", "70.50", "70.51", "balance 70.50, requested 70.51")]
    [InlineData("EUR", "0", "0.01", "balance 0.00, requested 0.01")]
    public void Withdraw_WhenBalanceInsufficient_NamesBalanceAndRequestInTheCurrencyDigits(
        string currency, string balance, string requested, string expected)
    {
        var error = Given(Opened(currency: currency, initialDeposit: Dec.Parse(balance)))
            .When(Withdraw(Dec.Parse(requested)))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
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
