using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Storage.Projections;

public sealed record RebuildProgress(long Applied, long Total, double EventsPerSecond);

public sealed record RebuildResult(long Events, TimeSpan Duration, double EventsPerSecond);

/// <summary>
/// Moves projections forward in global position order, each batch in one transaction together with
/// its checkpoint. Events at or below the checkpoint are skipped, and a delivery that does not start
/// right after the checkpoint is filled in from the store, so duplicate, late or out-of-order
/// notifications all end in the same read model. Whole commands are applied together, so both legs
/// of a transfer become visible at once.
/// </summary>
public sealed class ProjectionRunner(
    IDbContextFactory<LedgerDbContext> contexts,
    SqlEngine engine,
    IEnumerable<IProjection> projections,
    LedgerMetrics metrics,
    ReadModelNotifier notifier,
    TimeProvider time) : IAsyncDisposable, IDisposable
{
    private const int ChunkSize = 2_000;

    /// <summary>
    /// One delivery, catch-up chunk or rebuild at a time on the runner's connection. Deliveries arrive
    /// from inside the write path's turn, so in-process appends never contend with them for the database.
    /// </summary>
    private readonly AsyncGate gate = new();

    /// <summary>Opened on first use; only touched inside <see cref="gate"/>.</summary>
    private ProjectionConnection? connection;

    public IReadOnlyList<IProjection> Projections { get; } = projections.ToArray();

    /// <summary>
    /// Applies the events of one commit, as published after it, to every projection in one transaction:
    /// one commit per command however many read models there are.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var behind = new List<IProjection>();
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var lease = await OpenAsync(cancellationToken);
            var session = lease.Session;
            var applied = new List<(IProjection Projection, List<StoredEvent> Events)>();
            foreach (var projection in Projections)
            {
                var checkpoint = await session.ReadCheckpointAsync(projection.Name, cancellationToken);
                var pending = events.Where(e => e.Position > checkpoint).OrderBy(e => e.Position).ToList();
                if (pending.Count == 0)
                {
                    continue;
                }

                if (pending[0].Position != checkpoint + 1)
                {
                    // Something committed earlier has not been applied yet: take everything from the store, in order.
                    behind.Add(projection);
                    continue;
                }

                await ApplyAsync(session, projection, pending, cancellationToken);
                applied.Add((projection, pending));
            }

            if (applied.Count > 0)
            {
                await session.CommitAsync(cancellationToken);
                foreach (var (projection, pending) in applied)
                {
                    Announce(projection, pending);
                }
            }
        }

        foreach (var projection in behind)
        {
            await CatchUpAsync(projection, cancellationToken);
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

        while (true)
        {
            using var _ = await gate.EnterAsync(cancellationToken);
            await using var lease = await OpenAsync(cancellationToken);
            var session = lease.Session;
            var checkpoint = await session.ReadCheckpointAsync(projection.Name, cancellationToken);
            var chunk = await ReadWholeCommandsAsync(session, checkpoint, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await ApplyAsync(session, projection, chunk, cancellationToken);
            await session.CommitAsync(cancellationToken);
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
    /// Rebuilds every projection from the first event in one transaction: readers keep seeing the old
    /// read model until the new one is complete, then see the new one all at once. Writers in this
    /// process queue behind it.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var lease = await OpenAsync(cancellationToken);
        var session = lease.Session;
        long total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            total = await db.HeadPositionAsync(cancellationToken);
        }

        foreach (var projection in Projections)
        {
            foreach (var table in projection.Tables)
            {
                await ExecuteAsync(session, $"DELETE FROM {table}", cancellationToken);
            }
        }

        var batches = Projections.Select(session.BatchFor).ToArray();
        long position = 0, applied = 0;
        while (true)
        {
            var chunk = await EventRows.ReadAfterAsync(session.Engine, session.Connection, session.Transaction!, position, ChunkSize, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var stored in chunk)
            {
                foreach (var batch in batches)
                {
                    await batch.ApplyAsync(stored, cancellationToken);
                }
            }

            position = chunk[^1].Position;
            applied += chunk.Count;
            progress?.Report(new RebuildProgress(applied, total, Rate(applied, started)));
        }

        foreach (var projection in Projections)
        {
            await session.WriteCheckpointAsync(projection.Name, position, time.GetUtcNow(), cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        foreach (var projection in Projections)
        {
            notifier.Publish(new ReadModelChange(projection.Name, [], position));
        }

        var duration = Stopwatch.GetElapsedTime(started);
        metrics.Rebuilt(duration, applied);
        return new RebuildResult(applied, duration, Rate(applied, started));
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

    private void Announce(IProjection projection, IReadOnlyList<StoredEvent> events) =>
        notifier.Publish(new ReadModelChange(projection.Name, events.Select(e => e.Data.AccountId).Distinct().ToArray(), events[^1].Position));

    private static double Rate(long events, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return seconds > 0 ? events / seconds : 0;
    }

    private async Task ApplyAsync(ProjectionConnection session, IProjection projection, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var batch = session.BatchFor(projection);
        foreach (var stored in events)
        {
            await batch.ApplyAsync(stored, cancellationToken);
        }

        await session.WriteCheckpointAsync(projection.Name, events[^1].Position, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>A chunk that never splits one command's events (the two legs of a transfer) across transactions.</summary>
    private static async Task<List<StoredEvent>> ReadWholeCommandsAsync(ProjectionConnection session, long checkpoint, CancellationToken cancellationToken)
    {
        var chunk = await EventRows.ReadAfterAsync(session.Engine, session.Connection, session.Transaction!, checkpoint, ChunkSize, cancellationToken);
        while (chunk.Count >= ChunkSize)
        {
            var next = await EventRows.ReadAfterAsync(session.Engine, session.Connection, session.Transaction!, chunk[^1].Position, 8, cancellationToken);
            var sameCommand = next.TakeWhile(e => e.Metadata.CausationId == chunk[^1].Metadata.CausationId).ToList();
            chunk.AddRange(sameCommand);
            if (sameCommand.Count < next.Count || next.Count == 0)
            {
                break;
            }
        }

        return chunk;
    }

    /// <summary>
    /// Begins a transaction on the runner's connection; disposing the returned lease rolls back whatever
    /// was not committed. Callers hold the runner's gate.
    /// </summary>
    private async Task<Lease> OpenAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsUsable: false })
        {
            // The connection broke (disk gone, file replaced): start over with a fresh one.
            await connection.DisposeAsync();
            connection = null;
        }

        connection ??= await ProjectionConnection.OpenAsync(engine, cancellationToken);
        connection.Begin();
        return new Lease(connection);
    }

    private static async Task ExecuteAsync(ProjectionConnection session, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(session.Connection, session.Transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using (await gate.EnterAsync(CancellationToken.None))
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One transaction on the runner's connection: the connection itself stays open.</summary>
    private readonly struct Lease(ProjectionConnection session) : IAsyncDisposable
    {
        public ProjectionConnection Session => session;

        public ValueTask DisposeAsync() => new(session.EndAsync());
    }
}
