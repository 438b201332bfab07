namespace Ledger.Domain.Tests.Accounts;

public sealed class CloseAccountTests
{
    [Fact]
    public void Close_WithZeroBalance_EmitsAccountClosed()
    {
        Given(Opened(initialDeposit: 0m))
            .When(Close())
            .Then(new AccountClosed(Id, "Customer moved abroad", "manager-1", Now));
    }

    [Fact]
    public void Close_WithZeroBalance_LeavesTheAccountClosedWithItsBalance()
    {
        var account = Given(Opened(initialDeposit: 0m))
            .When(Close())
            .ThenAccepted()
            .State;

        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.True(account.IsClosed);
        Assert.Equal(0m, account.Balance);
        Assert.Equal(2, account.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Close_WithoutClosedBy_RecordsTheActor(string? closedBy)
    {
        Given(Opened(initialDeposit: 0m))
            .When(Close(closedBy: closedBy))
            .Then(new AccountClosed(Id, "Customer moved abroad", Actor, Now));
    }

    [Fact]
    public void Close_AfterTheBalanceWasWithdrawnToZero_IsAccepted()
    {
        Given(Opened(initialDeposit: 80m), Deposited(20.25m), Withdrew(100.25m))
            .When(Close())
            .Then(new AccountClosed(Id, "Customer moved abroad", "manager-1", Now));
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("100")]
    [InlineData("1000000")]
    public void Close_WithNonZeroBalance_IsRejected(string balance)
    {
        Given(Opened(initialDeposit: Dec.Parse(balance)))
            .When(Close())
            .ThenRejected(ErrorCodes.BalanceNotZero);
    }

    [Fact]
    public void Close_WithNonZeroBalance_SaysHowMuchIsLeft()
    {
        var error = Given(Opened(initialDeposit: 1234.5m))
            .When(Close())
            .ThenRejected(ErrorCodes.BalanceNotZero);

        Assert.Equal("Account 'acc-1' still holds 1,234.50 EUR; only an account with a balance of exactly 0 can be closed.", error.Message);
    }
}
