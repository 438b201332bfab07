namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// Events per UTC calendar month (by event time), oldest first: the ledger's growth over time, over the
/// last <see cref="MaxDaysLimit"/> days that have events (about ten years).
/// </summary>
public sealed record GetMonthlyEventGrowthQuery : IQuery<IReadOnlyList<MonthlyEventGrowth>>
{
    public const int MaxDaysLimit = 3660;
}

/// <summary><see cref="Events"/> that occurred in the month starting <see cref="Month"/>; <see cref="Cumulative"/> up to and including it.</summary>
public sealed record MonthlyEventGrowth(DateOnly Month, long Events, long Cumulative);

public sealed class EventGrowthQueryHandler(IDbContextFactory<LedgerDbContext> contexts, SqlEngine engine) : IQueryHandler<GetMonthlyEventGrowthQuery, IReadOnlyList<MonthlyEventGrowth>>
{
    public async ValueTask<IReadOnlyList<MonthlyEventGrowth>> Handle(GetMonthlyEventGrowthQuery query, CancellationToken cancellationToken)
    {
        // The engine counts per UTC day in SQL; the few thousand days of even a long history are folded into months here.
        var days = new List<(int Day, long Events)>();
        await using (var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken))
        await using (var command = SqlCommands.Create(connection, null, engine.Sql.EventsPerDay, "@limit").Set("@limit", (long)GetMonthlyEventGrowthQuery.MaxDaysLimit))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(((int)reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        days.Reverse();
        // Positions have no gaps, so the head is the event count; what the days shown do not hold came before them.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.HeadPositionAsync(cancellationToken) - days.Sum(d => d.Events);
        return days
            .GroupBy(d => FirstOfMonth(DateOnly.FromDayNumber(d.Day)))
            .Select(month =>
            {
                var events = month.Sum(d => d.Events);
                running += events;
                return new MonthlyEventGrowth(month.Key, events, running);
            })
            .ToArray();
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
