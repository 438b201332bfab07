using Ledger.Infrastructure.Storage.Model;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>Events per UTC calendar month (by event time), oldest first: the ledger's growth over time.</summary>
public sealed record GetMonthlyEventGrowthQuery : IQuery<IReadOnlyList<MonthlyEventGrowth>>;

/// <summary><see cref="Events"/> that occurred in the month starting <see cref="Month"/>; <see cref="Cumulative"/> up to and including it.</summary>
public sealed record MonthlyEventGrowth(DateOnly Month, long Events, long Cumulative);

public sealed class EventGrowthQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetMonthlyEventGrowthQuery, IReadOnlyList<MonthlyEventGrowth>>
{
    public async ValueTask<IReadOnlyList<MonthlyEventGrowth>> Handle(GetMonthlyEventGrowthQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // occurred_at holds UTC ticks, so integer division by ticks-per-day buckets by UTC day in SQL; the
        // few thousand days of even a long history are then folded into months here.
        var days = await db.Database.SqlQuery<DayCount>($"""
            SELECT occurred_at / {TimeSpan.TicksPerDay} AS Day, COUNT(*) AS Events
            FROM events GROUP BY occurred_at / {TimeSpan.TicksPerDay} ORDER BY 1
            """).ToListAsync(cancellationToken);
        long running = 0;
        return days
            .GroupBy(d => FirstOfMonth(DateOnly.FromDayNumber((int)d.Day)))
            .Select(month =>
            {
                var events = month.Sum(d => d.Events);
                running += events;
                return new MonthlyEventGrowth(month.Key, events, running);
            })
            .ToArray();
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private sealed record DayCount(long Day, long Events);
}
