namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// What deposits and withdrawals have in common, checked for both the same way: on an open account each
/// emits its one event and moves the balance by exactly its amount. Their own limits stay in their own files.
/// </summary>
public sealed class MoneyMovementTests
{
    public static TheoryData<string, decimal, decimal> Movements => new()
    {
        { "deposit", 25.50m, 145.50m },
        { "withdrawal", 40.25m, 79.75m },
    };

    [Theory]
    [MemberData(nameof(Movements))]
    public void Movement_OnAnOpenAccount_EmitsItsEvent_MovesTheBalance_AndBumpsTheVersion(string kind, decimal amount, decimal balance)
    {
        var (decide, expected) = kind == "deposit"
            ? (Deposit(amount), (IAccountEvent)new MoneyDeposited(Id, amount, "ref-1", "Salary", Now))
            : (Withdraw(amount), new MoneyWithdrawn(Id, amount, "atm-7", "Cash", Now));

        var account = Given(Opened(initialDeposit: 100m), Deposited(20m))
            .When(decide)
            .Then(expected)
            .State;

        Assert.Equal(balance, account.Balance);
        Assert.Equal(3, account.Version);
        Assert.Equal(Now, account.LastUpdatedAt);
    }
}
