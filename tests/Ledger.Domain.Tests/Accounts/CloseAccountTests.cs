using Ledger.Domain.Accounts;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

public sealed class CloseAccountTests
{
    private const string Actor = "teller-7";

    private static CloseAccount Close(string reason = "Customer moved abroad", string? closedBy = "manager-1", string accountId = Id) =>
        new(accountId, reason, closedBy);

    [Fact]
    public void Close_WithZeroBalance_EmitsAccountClosed()
    {
        Given(Opened(initialDeposit: 0m))
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .Then(new AccountClosed(Id, "Customer moved abroad", "manager-1", Now));
    }

    [Fact]
    public void Close_WithZeroBalance_LeavesTheAccountClosedWithItsBalance()
    {
        var account = Given(Opened(initialDeposit: 0m))
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
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
            .When((state, now) => CloseAccount.Decide(state, Close(closedBy: closedBy), Actor, now))
            .Then(new AccountClosed(Id, "Customer moved abroad", Actor, Now));
    }

    [Fact]
    public void Close_AfterTheBalanceWasWithdrawnToZero_IsAccepted()
    {
        Given(Opened(initialDeposit: 80m), Deposited(20.25m), Withdrew(100.25m))
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .Then(new AccountClosed(Id, "Customer moved abroad", "manager-1", Now));
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("100")]
    [InlineData("1000000")]
    public void Close_WithNonZeroBalance_IsRejected(string balance)
    {
        Given(Opened(initialDeposit: Dec.Parse(balance)))
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .ThenRejected(ErrorCodes.BalanceNotZero);
    }

    [Fact]
    public void Close_WithNonZeroBalance_SaysHowMuchIsLeft()
    {
        var error = Given(Opened(initialDeposit: 12.5m))
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .ThenRejected(ErrorCodes.BalanceNotZero);

        Assert.Contains("12.50 EUR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_WhenAlreadyClosed_IsRejected()
    {
        Given(Opened(), Closed())
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .ThenRejected(ErrorCodes.AccountClosed);
    }

    [Fact]
    public void Close_UnknownAccount_IsRejected()
    {
        Given()
            .When((state, now) => CloseAccount.Decide(state, Close(), Actor, now))
            .ThenRejected(ErrorCodes.AccountNotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Close_WithoutReason_IsRejected(string? reason)
    {
        Given(Opened())
            .When((state, now) => CloseAccount.Decide(state, Close(reason: reason!), Actor, now))
            .ThenRejected(ErrorCodes.ValidationFailed, "reason");
    }

    [Fact]
    public void Close_WithReasonOverMaximumLength_IsRejected()
    {
        Given(Opened())
            .When((state, now) => CloseAccount.Decide(state, Close(reason: new string('r', Input.ReasonMaxLength + 1)), Actor, now))
            .ThenRejected(ErrorCodes.ValidationFailed, "reason");
    }

    [Fact]
    public void Close_WithClosedByOverMaximumLength_IsRejected()
    {
        Given(Opened())
            .When((state, now) => CloseAccount.Decide(state, Close(closedBy: new string('c', Input.ActorMaxLength + 1)), Actor, now))
            .ThenRejected(ErrorCodes.ValidationFailed, "closedBy");
    }
}
