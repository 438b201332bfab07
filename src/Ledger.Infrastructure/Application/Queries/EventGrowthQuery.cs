using Ledger.Infrastructure.Storage.Model;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// Events committed per UTC day (by event time), oldest first: the ledger's growth over time, for the last
/// <see cref="MaxDays"/> days that have events (at most <see cref="MaxDaysLimit"/>).
/// </summary>
public sealed record GetEventGrowthQuery(int MaxDays = GetEventGrowthQuery.MaxDaysLimit) : IQuery<IReadOnlyList<EventGrowthPoint>>
{
    public const int MaxDaysLimit = 3660;
}

/// <summary><see cref="Events"/> committed on <see cref="Day"/>; <see cref="Cumulative"/> up to and including it.</summary>
public sealed record EventGrowthPoint(DateOnly Day, long Events, long Cumulative);

public sealed class EventGrowthQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetEventGrowthQuery, IReadOnlyList<EventGrowthPoint>>
{
    public async ValueTask<IReadOnlyList<EventGrowthPoint>> Handle(GetEventGrowthQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // occurred_at holds UTC ticks, so integer division by ticks-per-day buckets by UTC day in SQL.
        var maxDays = Math.Clamp(query.MaxDays, 1, GetEventGrowthQuery.MaxDaysLimit);
        var rows = await db.Database.SqlQuery<DayCount>($"""
            SELECT occurred_at / {TimeSpan.TicksPerDay} AS Day, COUNT(*) AS Events
            FROM events GROUP BY occurred_at / {TimeSpan.TicksPerDay} ORDER BY 1 DESC LIMIT {maxDays}
            """).ToListAsync(cancellationToken);
        rows.Reverse();
        // Positions have no gaps, so the head is the event count; what the days shown do not hold came before them.
        var head = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
        var running = head - rows.Sum(r => r.Events);
        return rows.Select(r =>
        {
            running += r.Events;
            return new EventGrowthPoint(DateOnly.FromDayNumber((int)r.Day), r.Events, running);
        }).ToArray();
    }

    private sealed record DayCount(long Day, long Events);
}
