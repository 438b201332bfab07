namespace Ledger.Domain.Tests.Accounts;

public sealed class AccountEvolveTests
{
    /// <summary>One event of each kind that moves money, a minute apart: 100 + 25.50 - 40.25 + 10 - 95.25 = 0.</summary>
    private static readonly IAccountEvent[] MoneyMoves =
    [
        Opened(initialDeposit: 100m, minute: 0),
        Deposited(25.50m, minute: 1),
        Withdrew(40.25m, minute: 2),
        Received(10m, from: Other, minute: 3),
        Sent(95.25m, to: Other, minute: 4),
    ];

    [Fact]
    public void Fold_OfNoEvents_IsNoAccount()
    {
        Assert.Null(Account.Fold([]));
    }

    [Fact]
    public void Evolve_AccountOpened_StartsAnActiveAccountAtVersionOne()
    {
        var account = Account.Evolve(null, new AccountOpened(Id, "h-1", "Ada", "KWD", 1.234m, At(0)));

        Assert.Equal(new Account(Id, "h-1", "Ada", "KWD", 1.234m, AccountStatus.Active, 1, At(0), At(0)), account);
    }

    [Fact]
    public void Fold_OfEveryKindOfEvent_GivesBalanceVersionStatusAndLastUpdate()
    {
        var account = Account.Fold([.. MoneyMoves, Closed(minute: 5)]);

        Assert.NotNull(account);
        Assert.Equal(0m, account.Balance);
        Assert.Equal(6, account.Version);
        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal(At(0), account.OpenedAt);
        Assert.Equal(At(5), account.LastUpdatedAt);
        Assert.Equal("holder-" + Id, account.HolderId);
        Assert.Equal("EUR", account.Currency);
    }

    [Fact]
    public void Fold_AfterEachEvent_AddsOneVersionAndTheEventsSignedAmount()
    {
        decimal[] balances = [100m, 125.50m, 85.25m, 95.25m, 0m];

        Account? state = null;
        for (var i = 0; i < MoneyMoves.Length; i++)
        {
            state = Account.Evolve(state, MoneyMoves[i]);

            Assert.Equal(balances[i], state.Balance);
            Assert.Equal(i + 1, state.Version);
            Assert.Equal(MoneyMoves[i].OccurredAt, state.LastUpdatedAt);
            Assert.Equal(AccountStatus.Active, state.Status);
        }
    }

    [Fact]
    public void Evolve_LeavesThePreviousStateUntouched()
    {
        var opened = Account.Evolve(null, Opened(initialDeposit: 10m));

        var deposited = Account.Evolve(opened, Deposited(5m));

        Assert.Equal(10m, opened.Balance);
        Assert.Equal(1, opened.Version);
        Assert.Equal(15m, deposited.Balance);
        Assert.Equal(2, deposited.Version);
    }

    [Fact]
    public void Fold_FromAnEarlierState_EqualsAFoldFromTheStart()
    {
        IAccountEvent[] events = [Opened(initialDeposit: 5m), Deposited(1m), Withdrew(2m), Deposited(3m, minute: 9)];

        var snapshot = Account.Fold(events.Take(2));
        var resumed = Account.Fold(events.Skip(2), snapshot);

        Assert.Equal(Account.Fold(events), resumed);
        Assert.Equal(7m, resumed!.Balance);
    }

    [Fact]
    public void Evolve_OfAnEventBeforeAccountOpened_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Account.Evolve(null, Deposited(5m)));

        Assert.Contains(Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_OfAnUnknownEventType_Throws()
    {
        var opened = Account.Evolve(null, Opened());

        Assert.Throws<ArgumentOutOfRangeException>(() => Account.Evolve(opened, new Unknown(Id, At(1))));
    }

    [Fact]
    public void StreamId_PrefixesTheAccountId()
    {
        Assert.Equal("BankAccount-acc-1", Account.StreamId("acc-1"));
    }

    private sealed record Unknown(string AccountId, DateTimeOffset OccurredAt) : IAccountEvent;
}
