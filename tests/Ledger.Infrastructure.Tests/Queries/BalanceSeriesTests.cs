namespace Ledger.Infrastructure.Tests.Queries;

public sealed class BalanceSeriesTests() : LedgerTestBase(o => o.Synchronous = "OFF")
{
    private const int Versions = 53;

    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", "Alice", "EUR", 1_000m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h2", "Bob", "EUR", 0m));
        for (var i = 2; i <= Versions; i++)
        {
            await Ledger.Mediator.Send(i % 4 == 0
                ? new WithdrawMoneyCommand("A", i, $"W-{i}")
                : new DepositMoneyCommand("A", i, $"D-{i}"));
            await Ledger.Mediator.Send(new DepositMoneyCommand("B", 1m, $"B-{i}"));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(27)]
    [InlineData(52)]
    public async Task LongHistory_IsThinnedToMaxPoints_EvenlySpaced_WithTheFirstAndLastVersion(int maxPoints)
    {
        var series = await Ledger.Mediator.Send(new GetBalanceSeriesQuery("A", maxPoints));

        Assert.Equal(maxPoints, series.Count);
        Assert.Equal(1, series[0].Version);
        Assert.Equal(Versions, series[^1].Version);
        var gaps = series.Zip(series.Skip(1), (a, b) => b.Version - a.Version).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= 1, "versions must rise"));
        Assert.True(gaps.Max() - gaps.Min() <= 1, $"uneven spacing: {string.Join(",", gaps)}");
    }

    [Fact]
    public async Task EveryPoint_IsThatVersionsStatementLine()
    {
        var statement = (await Ledger.Mediator.Send(new GetAccountHistoryQuery("A", 1, 500, NewestFirst: false))).Items.ToDictionary(e => e.Version);

        var series = await Ledger.Mediator.Send(new GetBalanceSeriesQuery("A", 10));

        Assert.All(series, point => Assert.Equal(statement[point.Version], point));
    }

    [Theory]
    [InlineData(53)]
    [InlineData(500)]
    public async Task ShortHistory_IsEveryEvent(int maxPoints)
    {
        var series = await Ledger.Mediator.Send(new GetBalanceSeriesQuery("A", maxPoints));

        Assert.Equal(Enumerable.Range(1, Versions).Select(v => (long)v), series.Select(p => p.Version));
    }

    [Fact]
    public async Task MaxPointsBelowTwo_StillShowsTheFirstAndLastVersion()
    {
        var series = await Ledger.Mediator.Send(new GetBalanceSeriesQuery("A", 1));

        Assert.Equal([1L, Versions], series.Select(p => p.Version));
    }

    [Fact]
    public async Task UnknownAccount_HasAnEmptySeries()
    {
        Assert.Empty(await Ledger.Mediator.Send(new GetBalanceSeriesQuery("NOBODY")));
    }
}
