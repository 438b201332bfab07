using Ledger.Domain.Accounts;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

public sealed class WithdrawMoneyTests
{
    private static WithdrawMoney Withdraw(decimal amount, string reference = "atm-7", string? description = "Cash", string accountId = Id) =>
        new(accountId, amount, reference, description);

    [Fact]
    public void Withdraw_WithinBalance_EmitsMoneyWithdrawn()
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(40.25m), now))
            .Then(new MoneyWithdrawn(Id, 40.25m, "atm-7", "Cash", Now));
    }

    [Fact]
    public void Withdraw_WithinBalance_ReducesTheBalance()
    {
        var account = Given(Opened(initialDeposit: 100m), Deposited(20m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(40.25m), now))
            .ThenAccepted()
            .State;

        Assert.Equal(79.75m, account.Balance);
        Assert.Equal(3, account.Version);
    }

    [Fact]
    public void Withdraw_WhenBalanceInsufficient_IsRejected()
    {
        var error = Given(Opened(initialDeposit: 50m), Deposited(20.50m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(100m), now))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.StartsWith("Insufficient funds: balance 70.50, requested 100.00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JPY", "500", "1000", "balance 500, requested 1000")]
    [InlineData("KWD", "1.5", "2", "balance 1.500, requested 2.000")]
    [InlineData("EUR", "0", "0.01", "balance 0.00, requested 0.01")]
    public void Withdraw_WhenBalanceInsufficient_NamesBalanceAndRequestInTheCurrencyDigits(
        string currency, string balance, string requested, string expected)
    {
        var error = Given(Opened(currency: currency, initialDeposit: Dec.Parse(balance)))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(Dec.Parse(requested)), now))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdraw_OneCentMoreThanTheBalance_IsRejected()
    {
        Given(Opened(initialDeposit: 70.50m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(70.51m), now))
            .ThenRejected(ErrorCodes.InsufficientFunds);
    }

    [Fact]
    public void Withdraw_TheWholeBalance_LeavesExactlyZero()
    {
        var account = Given(Opened(initialDeposit: 70m), Deposited(0.50m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(70.50m), now))
            .Then(new MoneyWithdrawn(Id, 70.50m, "atm-7", "Cash", Now))
            .State;

        Assert.Equal(0m, account.Balance);
    }

    [Fact]
    public void Withdraw_FromEmptyAccount_IsRejected()
    {
        Given(Opened(initialDeposit: 0m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(0.01m), now))
            .ThenRejected(ErrorCodes.InsufficientFunds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-50")]
    public void Withdraw_WhenAmountIsNotPositive_IsRejected(string amount)
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Theory]
    [InlineData("EUR", "1.001")]
    [InlineData("JPY", "1.5")]
    [InlineData("KWD", "1.0001")]
    public void Withdraw_WithMoreDecimalsThanTheCurrencyAllows_IsRejected(string currency, string amount)
    {
        Given(Opened(currency: currency, initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Theory]
    [InlineData("1000000000001")]
    [InlineData("79228162514264337593543950335")]
    public void Withdraw_OfAnAbsurdAmount_IsRejected(string amount)
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Withdraw_WithoutReference_IsRejected(string? reference)
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m, reference: reference!), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "transactionReference");
    }

    [Fact]
    public void Withdraw_WithReferenceOverMaximumLength_IsRejected()
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m, reference: new string('r', 101)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "transactionReference");
    }

    [Fact]
    public void Withdraw_WithDescriptionOverMaximumLength_IsRejected()
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m, description: new string('d', 501)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Fact]
    public void Withdraw_WithControlCharacterInDescription_IsRejected()
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m, description: "cash\0"), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Withdraw_WithoutDescription_IsDescribedAsWithdrawal(string? description)
    {
        Given(Opened(initialDeposit: 100m))
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m, description: description), now))
            .Then(new MoneyWithdrawn(Id, 10m, "atm-7", "Withdrawal", Now));
    }

    [Fact]
    public void Withdraw_FromUnknownAccount_IsRejected()
    {
        Given()
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m), now))
            .ThenRejected(ErrorCodes.AccountNotFound);
    }

    [Fact]
    public void Withdraw_FromClosedAccount_IsRejected()
    {
        Given(Opened(), Closed())
            .When((state, now) => WithdrawMoney.Decide(state, Withdraw(10m), now))
            .ThenRejected(ErrorCodes.AccountClosed);
    }
}
