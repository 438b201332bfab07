namespace Ledger.Infrastructure.Tests.Queries;

public sealed class TimeTravelTests : LedgerTestBase
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await At(Day1, new OpenAccountCommand("A", "h", "Alice", "EUR", 100m));
        await At(Day1.AddDays(1), new DepositMoneyCommand("A", 50m, "salary"));
        await At(Day1.AddDays(2), new OpenAccountCommand("B", "h2", "Bob", "EUR", 0m));
        await At(Day1.AddDays(3), new TransferMoneyCommand("T1", "A", "B", 30m));
        await At(Day1.AddDays(4), new WithdrawMoneyCommand("B", 30m, "cash"));
        await At(Day1.AddDays(5), new CloseAccountCommand("B", "done"));
    }

    [Theory]
    [InlineData(1, 100, AccountStatus.Active)]
    [InlineData(2, 150, AccountStatus.Active)]
    [InlineData(3, 120, AccountStatus.Active)]
    public async Task StateAtVersion_IsTheStateAfterThatEvent(long version, decimal balance, AccountStatus status)
    {
        var state = await Ledger.Mediator.Send(new GetAccountStateAtVersionQuery("A", version));

        Assert.Equal(balance, state!.Balance);
        Assert.Equal(status, state.Status);
        Assert.Equal(version, state.Version);
        Assert.Equal(Day1.AddDays(version == 3 ? 3 : version - 1), state.AsOf);
    }

    [Fact]
    public async Task StateAtVersion_BeyondTheHead_IsNull()
    {
        Assert.Null(await Ledger.Mediator.Send(new GetAccountStateAtVersionQuery("A", 4)));
    }

    [Fact]
    public async Task StateAtTime_IncludesAnEventAtExactlyThatMoment_AndExcludesLaterOnes()
    {
        var exactly = await Ledger.Mediator.Send(new GetAccountStateAtTimeQuery("A", Day1.AddDays(1)));
        var justBefore = await Ledger.Mediator.Send(new GetAccountStateAtTimeQuery("A", Day1.AddDays(1).AddTicks(-1)));

        Assert.Equal(150m, exactly!.Balance);
        Assert.Equal(2, exactly.Version);
        Assert.Equal(100m, justBefore!.Balance);
    }

    [Fact]
    public async Task StateAtTime_BeforeTheAccountExisted_IsNull()
    {
        Assert.Null(await Ledger.Mediator.Send(new GetAccountStateAtTimeQuery("B", Day1.AddDays(2).AddSeconds(-1))));
    }

    [Fact]
    public async Task StateAtTime_WithAnOffset_MeansTheSameInstant()
    {
        var plusTwo = new DateTimeOffset(2026, 1, 2, 11, 0, 0, TimeSpan.FromHours(2));

        var state = await Ledger.Mediator.Send(new GetAccountStateAtTimeQuery("A", plusTwo));

        Assert.Equal(2, state!.Version);
    }

    [Fact]
    public async Task BalancesAsOf_ShowsOnlyAccountsThatExisted_WithTheirBalancesThen()
    {
        var asOf = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(3).AddHours(1)));

        Assert.Equal([("A", 120m, 3L), ("B", 30m, 2L)], asOf.Accounts.Select(a => (a.AccountId, a.Balance, a.Version)));
        Assert.Equal(150m, asOf.Totals.Single().Balance);
    }

    [Fact]
    public async Task BalancesAsOf_BeforeAnything_IsEmpty()
    {
        var asOf = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(-1)));

        Assert.Empty(asOf.Accounts);
        Assert.Empty(asOf.Totals);
    }

    [Fact]
    public async Task BalancesNow_ShowTheClosedAccount_AsClosed()
    {
        var now = await Ledger.Mediator.Send(new GetBalancesAsOfQuery());

        Assert.Equal(AccountStatus.Closed, now.Accounts.Single(a => a.AccountId == "B").Status);
        Assert.Equal(120m, now.Totals.Single().Balance);
    }

    private async Task At<T>(DateTimeOffset at, Mediator.ICommand<T> command)
    {
        using (LedgerClock.BackdateTo(at))
        {
            await Ledger.Mediator.Send(command);
        }
    }
}
