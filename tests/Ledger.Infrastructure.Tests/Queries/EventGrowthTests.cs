using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Application.Queries;

namespace Ledger.Infrastructure.Tests.Queries;

public sealed class EventGrowthTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private TestLedger ledger = null!;

    /// <summary>One event on day 1, two on day 2, three on day 3.</summary>
    public async Task InitializeAsync()
    {
        ledger = await TestLedger.StartAsync();
        for (var day = 0; day < 3; day++)
        {
            using (LedgerClock.BackdateTo(Day1.AddDays(day)))
            {
                await ledger.Mediator.Send(new OpenAccountCommand($"A-{day}", "h", "H", "EUR", 10m));
                for (var i = 0; i < day; i++)
                {
                    await ledger.Mediator.Send(new DepositMoneyCommand($"A-{day}", 1m, $"r{i}"));
                }
            }
        }
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task Growth_CountsEventsPerDay_WithARunningTotal()
    {
        var growth = await ledger.Mediator.Send(new GetEventGrowthQuery());

        Assert.Equal([(1L, 1L), (2L, 3L), (3L, 6L)], growth.Select(p => (p.Events, p.Cumulative)));
        Assert.Equal(DateOnly.FromDateTime(Day1.UtcDateTime), growth[0].Day);
    }

    [Fact]
    public async Task Growth_IsBoundedToTheLatestDays_AndTheRunningTotalStillCountsEarlierEvents()
    {
        var growth = await ledger.Mediator.Send(new GetEventGrowthQuery(MaxDays: 2));

        Assert.Equal([(2L, 3L), (3L, 6L)], growth.Select(p => (p.Events, p.Cumulative)));
    }
}
