using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sql;
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

public sealed class EventGrowthQueryHandler(IDbContextFactory<LedgerDbContext> contexts, SqlEngine engine) : IQueryHandler<GetEventGrowthQuery, IReadOnlyList<EventGrowthPoint>>
{
    public async ValueTask<IReadOnlyList<EventGrowthPoint>> Handle(GetEventGrowthQuery query, CancellationToken cancellationToken)
    {
        var maxDays = Math.Clamp(query.MaxDays, 1, GetEventGrowthQuery.MaxDaysLimit);
        var rows = new List<(long Day, long Events)>();
        await using (var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken))
        await using (var command = SqlCommands.Create(connection, null, engine.Sql.EventsPerDay, "@days").Set("@days", (long)maxDays))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        rows.Reverse();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Positions have no gaps, so the head is the event count; what the days shown do not hold came before them.
        var head = await db.HeadPositionAsync(cancellationToken);
        var running = head - rows.Sum(r => r.Events);
        return rows.Select(r =>
        {
            running += r.Events;
            return new EventGrowthPoint(DateOnly.FromDayNumber((int)r.Day), r.Events, running);
        }).ToArray();
    }
}
