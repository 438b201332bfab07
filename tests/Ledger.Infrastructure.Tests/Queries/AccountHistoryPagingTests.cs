namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// History pages are version ranges, not OFFSET over a COUNT; each page must still hold exactly the rows
/// the whole statement, sorted and cut, would put there.
/// </summary>
public sealed class AccountHistoryPagingTests() : LedgerTestBase(o => o.Synchronous = "OFF")
{
    private const int Versions = 53;

    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", "Alice", "EUR", 1_000m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h2", "Bob", "EUR", 0m));
        for (var i = 2; i <= Versions; i++)
        {
            // Transfers give B versions too, interleaved with A's, so a page must not pick up B's rows.
            await Ledger.Mediator.Send(i % 3 == 0
                ? new TransferMoneyCommand($"T-{i}", "A", "B", i)
                : new DepositMoneyCommand("A", i, $"R-{i}"));
        }
    }

    [Fact]
    public async Task NewestFirst_FirstMiddleAndLastPage_HoldTheRightVersions()
    {
        Assert.Equal(Range(53, 44), await VersionsOn(1, 10, newestFirst: true));
        Assert.Equal(Range(33, 24), await VersionsOn(3, 10, newestFirst: true));
        Assert.Equal(Range(3, 1), await VersionsOn(6, 10, newestFirst: true));
    }

    [Fact]
    public async Task OldestFirst_FirstMiddleAndLastPage_HoldTheRightVersions()
    {
        Assert.Equal(Range(1, 10), await VersionsOn(1, 10, newestFirst: false));
        Assert.Equal(Range(21, 30), await VersionsOn(3, 10, newestFirst: false));
        Assert.Equal(Range(51, 53), await VersionsOn(6, 10, newestFirst: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PageBeyondTheEnd_IsEmpty_AndStillTellsTheTotal(bool newestFirst)
    {
        var page = await Ledger.Mediator.Send(new GetAccountHistoryQuery("A", 7, 10, newestFirst));

        Assert.Empty(page.Items);
        Assert.Equal(Versions, page.Total);
        Assert.Equal(7, page.Page);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(10, false)]
    [InlineData(25, true)]
    [InlineData(52, false)]
    [InlineData(53, true)]
    [InlineData(500, false)]
    public async Task EveryPage_IsTheWholeStatementSortedAndCut(int pageSize, bool newestFirst)
    {
        var statement = await WholeStatementAsync("A", newestFirst);
        var pages = (Versions + pageSize - 1) / pageSize;

        for (var number = 1; number <= pages + 1; number++)
        {
            var page = await Ledger.Mediator.Send(new GetAccountHistoryQuery("A", number, pageSize, newestFirst));

            var expected = statement.Skip((number - 1) * pageSize).Take(pageSize).ToList();
            Assert.Equal(expected, page.Items.Select(e => (e.AccountId, e.Version, e.Position)));
            Assert.Equal(Versions, page.Total);
            Assert.Equal(pageSize, page.PageSize);
        }
    }

    [Fact]
    public async Task PageZero_IsTheFirstPage()
    {
        var page = await Ledger.Mediator.Send(new GetAccountHistoryQuery("A", 0, 10));

        Assert.Equal(1, page.Page);
        Assert.Equal(Range(53, 44), page.Items.Select(e => e.Version));
    }

    [Fact]
    public async Task UnknownAccount_HasNoHistory()
    {
        var page = await Ledger.Mediator.Send(new GetAccountHistoryQuery("NOBODY"));

        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }

    private async Task<List<long>> VersionsOn(int page, int pageSize, bool newestFirst)
    {
        var result = await Ledger.Mediator.Send(new GetAccountHistoryQuery("A", page, pageSize, newestFirst));
        Assert.Equal(Versions, result.Total);
        return result.Items.Select(e => e.Version).ToList();
    }

    private async Task<List<(string, long, long)>> WholeStatementAsync(string accountId, bool newestFirst)
    {
        await using var db = await Ledger.DbAsync();
        var rows = await db.LedgerEntries.AsNoTracking().Where(l => l.AccountId == accountId).ToListAsync();
        var ordered = newestFirst ? rows.OrderByDescending(l => l.Version) : rows.OrderBy(l => l.Version);
        return ordered.Select(r => (r.AccountId, r.Version, r.Position)).ToList();
    }

    private static List<long> Range(long from, long to) =>
        from <= to
            ? Enumerable.Range((int)from, (int)(to - from + 1)).Select(v => (long)v).ToList()
            : Enumerable.Range((int)to, (int)(from - to + 1)).Select(v => (long)v).Reverse().ToList();
}
