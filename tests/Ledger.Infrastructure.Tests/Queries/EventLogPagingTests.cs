namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// The event log takes a different road per filter (a position range, a stream's version range, a count
/// plus positions found on an index); every road must give the rows the plain reading gives: filter all
/// events, newest first, cut into pages.
/// </summary>
public sealed class EventLogPagingTests() : LedgerTestBase(o => o.Synchronous = "OFF")
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await At(Day1, new OpenAccountCommand("A", "h", "Alice", "EUR", 100m));
        await At(Day1, new OpenAccountCommand("B", "h2", "Bob", "EUR", 0m));
        for (var i = 1; i <= 20; i++)
        {
            var day = Day1.AddDays(i % 5).AddMinutes(i);
            await At(day, new DepositMoneyCommand("A", i, $"A-{i}"));
            if (i % 3 == 0)
            {
                await At(day, new TransferMoneyCommand($"T-{i}", "A", "B", 1m));
            }
            else
            {
                await At(day, new DepositMoneyCommand("B", i, $"B-{i}"));
            }
        }

        // C's history is written last but dated before everything else, so event time does not follow position.
        await At(Day1.AddDays(-3), new OpenAccountCommand("C", "h3", "Carol", "EUR", 10m));
        await At(Day1.AddDays(-2), new WithdrawMoneyCommand("C", 10m, "C-1"));
        await At(Day1.AddDays(-2), new CloseAccountCommand("C", "moved away"));
    }

    public static TheoryData<string> Filters => new(Queries.Keys);

    private static Dictionary<string, GetEventLogQuery> Queries => new()
    {
        ["none"] = new(),
        ["type"] = new(EventType: "MoneyDeposited"),
        ["blank filters"] = new(EventType: " ", AccountId: "  "),
        ["account"] = new(AccountId: "A"),
        ["account with spaces"] = new(AccountId: " B "),
        ["unknown account"] = new(AccountId: "NOBODY"),
        ["unknown type"] = new(EventType: "NoSuchEvent"),
        ["from"] = new(From: Day1.AddDays(2)),
        ["to"] = new(To: Day1.AddDays(1)),
        ["from and to"] = new(From: Day1.AddDays(1), To: Day1.AddDays(3)),
        ["to before from"] = new(From: Day1.AddDays(3), To: Day1.AddDays(1)),
        ["exactly one event's time"] = new(From: Day1.AddDays(-2), To: Day1.AddDays(-2)),
        ["type and account"] = new(EventType: "MoneyDeposited", AccountId: "A"),
        ["type and time"] = new(EventType: "TransferInitiated", From: Day1.AddDays(1), To: Day1.AddDays(4)),
        ["account and time"] = new(AccountId: "B", From: Day1.AddDays(2)),
        ["account and time, dated before the rest"] = new(AccountId: "C", To: Day1),
        ["type, account and time"] = new(EventType: "MoneyDeposited", AccountId: "B", From: Day1.AddDays(1), To: Day1.AddDays(3)),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryPage_IsAllMatchingEventsNewestFirstCut(string filter)
    {
        var query = Queries[filter];
        var expected = await AllMatchingNewestFirstAsync(query);

        foreach (var pageSize in new[] { 1, 7, 50 })
        {
            var pages = (expected.Count + pageSize - 1) / pageSize;
            for (var number = 1; number <= pages + 1; number++)
            {
                var page = await Ledger.Mediator.Send(query with { Page = number, PageSize = pageSize });

                Assert.Equal(expected.Skip((number - 1) * pageSize).Take(pageSize), page.Items.Select(e => e.Position));
                Assert.Equal(expected.Count, page.Total);
            }
        }
    }

    [Fact]
    public async Task Unfiltered_FirstMiddleLastAndBeyond()
    {
        Assert.Equal(51, await Ledger.EventCountAsync());

        Assert.Equal([51L, 50, 49, 48, 47, 46, 45, 44, 43, 42], await PositionsOn(new GetEventLogQuery(Page: 1, PageSize: 10)));
        Assert.Equal([31L, 30, 29, 28, 27, 26, 25, 24, 23, 22], await PositionsOn(new GetEventLogQuery(Page: 3, PageSize: 10)));
        Assert.Equal([1L], await PositionsOn(new GetEventLogQuery(Page: 6, PageSize: 10)));
        Assert.Empty(await PositionsOn(new GetEventLogQuery(Page: 7, PageSize: 10)));
        Assert.Empty(await PositionsOn(new GetEventLogQuery(Page: int.MaxValue, PageSize: 500)));
        Assert.Equal(51, (await Ledger.Mediator.Send(new GetEventLogQuery(Page: 7, PageSize: 10))).Total);
    }

    [Fact]
    public async Task OneAccount_ShowsItsEventsNewestFirst_WithItsVersions()
    {
        var page = await Ledger.Mediator.Send(new GetEventLogQuery(AccountId: "C"));

        Assert.Equal(3, page.Total);
        Assert.Equal([3L, 2, 1], page.Items.Select(e => e.Version));
        Assert.Equal(["AccountClosed", "MoneyWithdrawn", "AccountOpened"], page.Items.Select(e => e.Type));
        Assert.All(page.Items, e => Assert.Equal("C", e.AccountId));
    }

    /// <summary>The plain reading, done in memory: what the paged queries must agree with.</summary>
    private async Task<List<long>> AllMatchingNewestFirstAsync(GetEventLogQuery query)
    {
        await using var db = await Ledger.DbAsync();
        IEnumerable<EventRecord> rows = await db.Events.AsNoTracking().ToListAsync();
        if (!string.IsNullOrWhiteSpace(query.EventType))
        {
            rows = rows.Where(e => e.EventType == query.EventType);
        }

        if (!string.IsNullOrWhiteSpace(query.AccountId))
        {
            rows = rows.Where(e => e.StreamId == Account.StreamId(query.AccountId.Trim()));
        }

        rows = rows.Where(e => (query.From is null || e.OccurredAt >= query.From) && (query.To is null || e.OccurredAt <= query.To));
        return rows.OrderByDescending(e => e.Position).Select(e => e.Position).ToList();
    }

    private async Task<List<long>> PositionsOn(GetEventLogQuery query) =>
        (await Ledger.Mediator.Send(query)).Items.Select(e => e.Position).ToList();

    private async Task At<T>(DateTimeOffset at, Mediator.ICommand<T> command)
    {
        using (LedgerClock.BackdateTo(at))
        {
            await Ledger.Mediator.Send(command);
        }
    }
}
