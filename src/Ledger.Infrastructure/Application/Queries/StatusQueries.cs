using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>Event count, head position, each projection's checkpoint and lag, who applies the projections, and the database in use.</summary>
public sealed record GetLedgerStatusQuery : IQuery<LedgerStatusView>;

public sealed class StatusQueryHandler(
    IDbContextFactory<LedgerDbContext> contexts,
    ProjectionRunner runner,
    SqlEngine engine,
    ProjectionLeadership leadership,
    TimeProvider time) : IQueryHandler<GetLedgerStatusQuery, LedgerStatusView>
{
    public async ValueTask<LedgerStatusView> Handle(GetLedgerStatusQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.HeadPositionAsync(cancellationToken);
        // Positions are never deleted or skipped, so the count equals the head without a table scan.
        var eventCount = head;
        var checkpoints = await runner.CheckpointsAsync(cancellationToken);
        var now = LedgerClock.CommitTime(time);
        var projections = new List<ProjectionStatusView>();
        foreach (var (name, checkpoint) in checkpoints)
        {
            var lagEvents = head - checkpoint;
            double lagSeconds = 0;
            if (lagEvents > 0)
            {
                var oldestPending = await db.Events.Where(e => e.Position > checkpoint).OrderBy(e => e.Position).Select(e => e.RecordedAt).FirstAsync(cancellationToken);
                lagSeconds = Math.Max(0, (now - oldestPending).TotalSeconds);
            }

            projections.Add(new ProjectionStatusView(name, checkpoint, lagEvents, lagSeconds));
        }

        var location = await engine.LocateAsync(cancellationToken);
        return new LedgerStatusView(eventCount, head, projections,
            new DatabaseView(engine.Provider, location.Path, location.SizeBytes, location.Host, location.Database))
        {
            Quarantined = await db.QuarantinedStreams.AsNoTracking().OrderBy(q => q.Position).Select(q => new QuarantineView(
                q.StreamId, q.Position, q.EventType, q.SchemaVersion, q.Reason, q.DetectedAt)).Take(1_000).ToListAsync(cancellationToken),
            Leader = await LeaderStatus.ReadAsync(leadership, engine, projections, cancellationToken),
        };
    }
}
