namespace Ledger.Infrastructure.Tests.Queries;

public sealed class EventGrowthTests
{
    [Fact]
    public async Task Growth_CountsEventsPerMonth_WithARunningTotal_FromTheEventsOwnTime_AndAQuietMonthAsZero()
    {
        await using var ledger = await TestLedger.StartAsync();
        // One event at the very end of January (UTC), two in February, three in April; none in March.
        await WriteAsync(ledger, new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero), "J", 1);
        await WriteAsync(ledger, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), "F", 2);
        await WriteAsync(ledger, new DateTimeOffset(2026, 4, 15, 12, 0, 0, TimeSpan.FromHours(5)), "A", 3);

        var growth = await ledger.Mediator.Send(new GetMonthlyEventGrowthQuery());

        Assert.Equal(
            [(new DateOnly(2026, 1, 1), 1L, 1L), (new DateOnly(2026, 2, 1), 2L, 3L), (new DateOnly(2026, 3, 1), 0L, 3L), (new DateOnly(2026, 4, 1), 3L, 6L)],
            growth.Select(p => (p.Month, p.Events, p.Cumulative)));
    }

    [Fact]
    public async Task Growth_OfAnEmptyLedger_IsEmpty()
    {
        await using var ledger = await TestLedger.StartAsync();

        Assert.Empty(await ledger.Mediator.Send(new GetMonthlyEventGrowthQuery()));
    }

    /// <summary>An account opened at <paramref name="at"/> with <paramref name="events"/> events in all.</summary>
    private static async Task WriteAsync(TestLedger ledger, DateTimeOffset at, string id, int events)
    {
        using (LedgerClock.BackdateTo(at))
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "h", "H", "EUR", 10m));
            for (var i = 1; i < events; i++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand(id, 1m, $"r{i}"));
            }
        }
    }
}
