namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// The Ledger-wide "as of" is bounded: accounts come a page at a time in account id order, while the totals
/// (and the count) always cover every account that existed then.
/// </summary>
public sealed class BalancesAsOfPagingTests : LedgerTestBase
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A-00..A-11 in EUR with 1..12 on day 1, J-00..J-02 in JPY with 100 on day 2, then +5 to A-03 on day 3.</summary>
    protected override async Task SeedAsync()
    {
        using (LedgerClock.BackdateTo(Day1))
        {
            for (var i = 0; i < 12; i++)
            {
                await Ledger.Mediator.Send(new OpenAccountCommand($"A-{i:D2}", "h", $"Holder {i}", "EUR", i + 1));
            }
        }

        using (LedgerClock.BackdateTo(Day1.AddDays(1)))
        {
            for (var i = 0; i < 3; i++)
            {
                await Ledger.Mediator.Send(new OpenAccountCommand($"J-{i:D2}", "h", "Yen Holder", "JPY", 100m));
            }
        }

        using (LedgerClock.BackdateTo(Day1.AddDays(2)))
        {
            await Ledger.Mediator.Send(new DepositMoneyCommand("A-03", 5m, "d"));
        }
    }

    [Fact]
    public async Task APage_HoldsASubset_InIdOrder_WhileTheTotalsCoverEveryAccount()
    {
        var second = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), Page: 2, PageSize: 4));

        Assert.Equal(["A-04", "A-05", "A-06", "A-07"], second.Accounts.Select(a => a.AccountId));
        Assert.Equal((15, 2, 4), (second.Total, second.Page, second.PageSize));
        Assert.Equal([("EUR", 83m, 12), ("JPY", 300m, 3)], second.Totals.Select(t => (t.Currency, t.Balance, t.Accounts)));
    }

    [Fact]
    public async Task EveryPage_Together_IsEveryAccountOnce()
    {
        var ids = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            ids.AddRange((await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), page, 4))).Accounts.Select(a => a.AccountId));
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"A-{i:D2}").Concat(["J-00", "J-01", "J-02"]), ids);
    }

    [Fact]
    public async Task APageBeyondTheEnd_IsEmpty_ButKeepsTheTotals()
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), Page: 9, PageSize: 10));

        Assert.Empty(view.Accounts);
        Assert.Equal(15, view.Total);
        Assert.Equal(2, view.Totals.Count);
    }

    [Fact]
    public async Task AMomentBeforeSomeAccounts_CountsAndTotalsOnlyThoseThatExisted()
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddHours(1), 1, 100));

        Assert.Equal(12, view.Total);
        Assert.Equal([("EUR", 78m, 12)], view.Totals.Select(t => (t.Currency, t.Balance, t.Accounts)));
        var a03 = view.Accounts.Single(a => a.AccountId == "A-03");
        Assert.Equal((4m, 1L, 9m, 2L), (a03.Balance, a03.Version, a03.CurrentBalance, a03.CurrentVersion));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(100_000, GetBalancesAsOfQuery.MaxPageSize)]
    public async Task APageSizeOutOfRange_IsClampedOnTheServer(int asked, int used)
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), 1, asked));

        Assert.Equal(used, view.PageSize);
        Assert.Equal(Math.Min(used, 15), view.Accounts.Count);
    }

    [Fact]
    public async Task ASearch_NarrowsThePageAndItsCount_ButNotTheTotals()
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), 1, 10, Search: "yen"));

        Assert.Equal(["J-00", "J-01", "J-02"], view.Accounts.Select(a => a.AccountId));
        Assert.Equal(3, view.Total);
        Assert.Equal(2, view.Totals.Count);
    }

    [Fact]
    public async Task ASearchWithLikeWildcards_MatchesThemLiterally()
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Day1.AddDays(5), 1, 10, Search: "A_0"));

        Assert.Empty(view.Accounts);
        Assert.Equal(0, view.Total);
    }

    [Fact]
    public async Task ACancelledQuery_Stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Ledger.Mediator.Send(new GetBalancesAsOfQuery(), cancelled.Token).AsTask());
    }
}
