namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// Events per UTC calendar month (by event time), oldest first: the ledger's growth over time, over the
/// last <see cref="MaxDaysLimit"/> days that have events (about ten years). Every month between the first and
/// the last is there, a quiet one with 0 events, so a chart of it never closes up a gap in time.
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
        var perMonth = days
            .GroupBy(d => FirstOfMonth(DateOnly.FromDayNumber(d.Day)))
            .ToDictionary(month => month.Key, month => month.Sum(d => d.Events));
        var growth = new List<MonthlyEventGrowth>();
        if (perMonth.Count == 0)
        {
            return growth;
        }

        for (var month = perMonth.Keys.Min(); month <= perMonth.Keys.Max(); month = month.AddMonths(1))
        {
            var events = perMonth.GetValueOrDefault(month);
            running += events;
            growth.Add(new MonthlyEventGrowth(month, events, running));
        }

        return growth;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
