namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// A stream's event times never go backwards, even when the clock does (NTP steps, back-dated imports), so
/// "the last event at or before T" is always the highest version at or before T.
/// </summary>
public sealed class EventTimeTests
{
    private static readonly DateTimeOffset Last = At(30);
    private static readonly DateTimeOffset ClockBehind = At(10);

    [Fact]
    public void Deposit_WhenClockIsBehindTheLastEvent_HappensAtTheLastEventTime()
    {
        Given(Opened(initialDeposit: 10m), Deposited(5m, minute: 30)).At(ClockBehind)
            .When(Deposit(1m))
            .Then(new MoneyDeposited(Id, 1m, "ref-1", "Salary", Last));
    }

    [Fact]
    public void Withdraw_WhenClockIsBehindTheLastEvent_HappensAtTheLastEventTime()
    {
        Given(Opened(initialDeposit: 10m), Deposited(5m, minute: 30)).At(ClockBehind)
            .When(Withdraw(1m))
            .Then(new MoneyWithdrawn(Id, 1m, "atm-7", "Cash", Last));
    }

    [Fact]
    public void Close_WhenClockIsBehindTheLastEvent_HappensAtTheLastEventTime()
    {
        Given(Opened(initialDeposit: 10m), Withdrew(10m, minute: 30)).At(ClockBehind)
            .When(Close())
            .Then(new AccountClosed(Id, "Customer moved abroad", "manager-1", Last));
    }

    [Theory]
    [InlineData(30, 5)]
    [InlineData(5, 30)]
    public void Transfer_WhenClockIsBehindEitherAccount_BothLegsHappenAtTheLaterLastEventTime(int fromLast, int toLast)
    {
        var later = At(Math.Max(fromLast, toLast));

        Given(Opened(Id, 100m), Deposited(1m, Id, fromLast), Opened(Other), Deposited(1m, Other, toLast)).At(At(1))
            .When(Transfer(10m))
            .Then(Legs(10m, at: later));
    }

    [Fact]
    public void Deposit_WhenClockIsAhead_HappensNow()
    {
        Given(Opened(initialDeposit: 10m), Deposited(5m, minute: 30))
            .When(Deposit(1m))
            .Then(new MoneyDeposited(Id, 1m, "ref-1", "Salary", Now));
    }

    [Fact]
    public void EventTime_WithNoEarlierState_IsNowInUtc()
    {
        var local = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.FromHours(-5));

        var at = AccountRules.EventTime(local, (Account?)null);

        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.Equal(local.UtcDateTime, at.UtcDateTime);
    }

    [Fact]
    public void EventTime_WithStatesUpdatedAfterNow_IsTheLatestLastUpdate()
    {
        var a = Account.Fold([Opened("a", minute: 40)]);
        var b = Account.Fold([Opened("b", minute: 50)]);

        Assert.Equal(At(50), AccountRules.EventTime(At(0), a, null, b));
        Assert.Equal(At(50), AccountRules.EventTime(At(0), b, a));
    }

    [Fact]
    public void EventTime_WhenNowIsAfterEveryState_IsNow()
    {
        var a = Account.Fold([Opened("a", minute: 40)]);

        Assert.Equal(At(41), AccountRules.EventTime(At(41), a));
    }

    [Fact]
    public void EventTimes_OfAStreamDecidedWithAClockJumpingBackAndForth_NeverDecrease()
    {
        var clock = new[] { 60, 10, 70, 70, 0, 65, 120, 5 };
        var history = new List<IAccountEvent> { Opened(initialDeposit: 1000m, minute: 50) };

        foreach (var (minute, i) in clock.Select((m, i) => (m, i)))
        {
            var state = Account.Fold(history);
            history.AddRange(i % 2 == 0
                ? DepositMoney.Decide(state, new DepositMoney(Id, 1m, "r" + i, null), At(minute))
                : WithdrawMoney.Decide(state, new WithdrawMoney(Id, 1m, "r" + i, null), At(minute)));
        }

        var times = history.Select(e => e.OccurredAt).ToList();
        Assert.Equal(times.Order().ToList(), times);
        Assert.Equal(At(120), times[^1]);
    }
}
