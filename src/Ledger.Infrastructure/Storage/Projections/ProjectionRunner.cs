using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Moves projections forward in global position order, each batch in one transaction together with
/// its checkpoint. Events at or below the checkpoint are skipped, and a delivery that does not start
/// right after the checkpoint is filled in from the store, so duplicate, late or out-of-order
/// notifications all end in the same read model. Whole commands are applied together, so both legs
/// of a transfer become visible at once. An event this build cannot read holds its stream in
/// <see cref="Quarantine"/> and the rest goes on.
/// </summary>
public sealed class ProjectionRunner(
    IDbContextFactory<LedgerDbContext> contexts,
    ProjectionWorkspace workspace,
    Quarantine quarantine,
    IEnumerable<IProjection> projections,
    LedgerMetrics metrics,
    ReadModelNotifier notifier,
    ProjectionLeadership leadership,
    TimeProvider time)
{
    public const int ChunkSize = 2_000;

    public IReadOnlyList<IProjection> Projections { get; } = projections.ToArray();

    /// <summary>
    /// Applies the events of one commit, as published after it, to every projection in one transaction:
    /// one commit per command however many read models there are, and on a server one round trip (the
    /// statements travel together, see <see cref="BatchedTransaction"/>). Nothing is read first: each
    /// checkpoint moves past the commit only if nothing before it is missing, and every statement applies
    /// an event only on top of its account's previous one, so a delivery that arrives early changes
    /// nothing and the projection is then caught up from the store, in order. An instance that does not
    /// lead (see <see cref="ProjectionLeadership"/>) delivers nothing: the leader hears of the commit.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<StoredEvent> delivered, CancellationToken cancellationToken)
    {
        var events = delivered.OrderBy(e => e.Position).ToArray();
        if (events.Length == 0 || !leadership.IsLeader)
        {
            return;
        }

        if (events[^1].Position - events[0].Position + 1 != events.Length)
        {
            // Not one commit's positions: whatever lies between them may be missing, so take it all from the store.
            foreach (var projection in Projections)
            {
                await CatchUpAsync(projection, cancellationToken);
            }

            return;
        }

        using var span = LedgerTelemetry.Source.StartActivity(LedgerTelemetry.ProjectSpan);
        span?.SetTag(LedgerTelemetry.PositionTag, events[^1].Position);
        if (await TryDeliverAsync(events, cancellationToken))
        {
            foreach (var projection in Projections)
            {
                Announce(projection, events);
            }

            return;
        }

        // Already applied (a repeated delivery), or something committed earlier has not been (another
        // instance's commit): nothing of this delivery was committed; take it all from the store, in order.
        foreach (var projection in Projections)
        {
            await CatchUpAsync(projection, cancellationToken);
        }
    }

    /// <summary>
    /// One transaction that commits only if every checkpoint moved past the commit. Were the statements
    /// committed without the moves, an event could show whose account was up to date while the other leg
    /// of its transfer waited for the catch-up: half a transfer on screen.
    /// </summary>
    private async Task<bool> TryDeliverAsync(StoredEvent[] events, CancellationToken cancellationToken)
    {
        await using var lease = await workspace.BeginAsync(cancellationToken);
        var session = lease.Session;
        foreach (var projection in Projections)
        {
            await session.LockCheckpointAsync(projection.Name, cancellationToken);
        }

        var now = LedgerClock.CommitTime(time);
        var moves = new List<StatementResult>();
        foreach (var projection in Projections)
        {
            await ApplyEventsAsync(session, quarantine, projection, events, cancellationToken);
            moves.Add(await session.MoveCheckpointAsync(projection.Name, events[0].Position, events[^1].Position, now, cancellationToken));
            await session.RequireCheckpointAsync(projection.Name, events[^1].Position, cancellationToken);
        }

        if (!session.Writes.Batches && moves.Any(m => m.RecordsAffected == 0))
        {
            return false;
        }

        try
        {
            await CommitAsync(session, cancellationToken);
            return true;
        }
        catch (DbException refused) when (CheckpointGuard.Refused(refused))
        {
            return false;
        }
    }

    /// <summary>Applies everything committed after the projection's checkpoint. Returns the number of events applied.</summary>
    public async Task<long> CatchUpAsync(IProjection projection, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long applied = 0;
        if (await LagAsync(projection, cancellationToken) == 0)
        {
            return 0;
        }

        using var span = LedgerTelemetry.Source.StartActivity(LedgerTelemetry.ProjectSpan);
        span?.SetTag(LedgerTelemetry.ProjectionTag, projection.Name);

        while (true)
        {
            await using var lease = await workspace.BeginAsync(cancellationToken);
            var chunk = await CatchUpChunkAsync(lease.Session, projection, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await CommitAsync(lease.Session, cancellationToken);
            Announce(projection, chunk);
            applied += chunk.Count;
        }

        if (applied > 0)
        {
            metrics.Replayed(Stopwatch.GetElapsedTime(started));
        }

        return applied;
    }

    /// <summary>
    /// Applies one chunk past the projection's checkpoint in the session's transaction (not committed):
    /// for a caller that already holds the workspace. Returns what it applied; empty when caught up.
    /// </summary>
    internal async Task<IReadOnlyList<StoredEvent>> CatchUpChunkAsync(ProjectionConnection session, IProjection projection, CancellationToken cancellationToken)
    {
        var checkpoint = await session.ReadCheckpointAsync(projection.Name, cancellationToken);
        var chunk = await ReadWholeCommandsAsync(session, checkpoint, cancellationToken);
        if (chunk.Count > 0)
        {
            await ApplyAsync(session, projection, chunk, cancellationToken);
        }

        return chunk;
    }

    /// <summary>Applies events in order, passing over held streams, and moves the checkpoint past them.</summary>
    internal async Task ApplyAsync(ProjectionConnection session, IProjection projection, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        await ApplyEventsAsync(session, quarantine, projection, events, cancellationToken);
        await session.WriteCheckpointAsync(projection.Name, events[^1].Position, LedgerClock.CommitTime(time), cancellationToken);
    }

    /// <summary>Applies events in order to one projection, passing over what <paramref name="held"/> holds back.</summary>
    internal static async Task ApplyEventsAsync(ProjectionConnection session, Quarantine held, IProjection projection, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var batch = session.BatchFor(projection);
        foreach (var stored in events)
        {
            if (!await held.PassesOverAsync(session, stored, cancellationToken))
            {
                await batch.ApplyAsync(stored, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProjectionCheckpoints.AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Position, cancellationToken);
        return Projections.ToDictionary(p => p.Name, p => rows.GetValueOrDefault(p.Name));
    }

    /// <summary>Committed events the projection has not applied yet; read without taking the write lock.</summary>
    public async Task<long> LagAsync(IProjection projection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.HeadPositionAsync(cancellationToken);
        var checkpoint = await db.ProjectionCheckpoints.Where(c => c.Name == projection.Name).Select(c => (long?)c.Position).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return head - checkpoint;
    }

    /// <summary>Lets back in the held streams this build can read now (see <see cref="Quarantine"/>).</summary>
    public Task ReleaseReadableAsync(CancellationToken cancellationToken) =>
        quarantine.ReleaseReadableAsync(workspace, Projections, cancellationToken);

    internal async Task CommitAsync(ProjectionConnection session, CancellationToken cancellationToken)
    {
        await session.CommitAsync(cancellationToken);
        quarantine.Committed(session);
    }

    public void Announce(IProjection projection, IReadOnlyList<StoredEvent> events) =>
        notifier.Publish(new ReadModelChange(projection.Name, events.Select(e => e.Data.AccountId).Distinct().ToArray(), events[^1].Position));

    /// <summary>A chunk that never splits one command's events (the two legs of a transfer) across transactions.</summary>
    internal static async Task<List<StoredEvent>> ReadWholeCommandsAsync(ProjectionConnection session, long after, CancellationToken cancellationToken)
    {
        var transaction = await session.Writes.ReadyAsync(cancellationToken);
        var chunk = await EventRows.ReadAfterAsync(session.Engine, session.Connection, transaction, after, ChunkSize, cancellationToken);
        while (chunk.Count >= ChunkSize)
        {
            var next = await EventRows.ReadAfterAsync(session.Engine, session.Connection, transaction, chunk[^1].Position, 8, cancellationToken);
            var sameCommand = next.TakeWhile(e => e.Metadata.CausationId == chunk[^1].Metadata.CausationId).ToList();
            chunk.AddRange(sameCommand);
            if (sameCommand.Count < next.Count || next.Count == 0)
            {
                break;
            }
        }

        return chunk;
    }
}
