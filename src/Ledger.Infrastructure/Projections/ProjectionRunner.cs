using System.Data.Common;
using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.EventStore;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Projections;

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
    WriteGate gate,
    IEnumerable<IProjection> projections,
    LedgerMetrics metrics,
    ReadModelNotifier notifier,
    TimeProvider time)
{
    private const int ChunkSize = 2_000;

    public IReadOnlyList<IProjection> Projections { get; } = projections.ToArray();

    /// <summary>Applies the events of one commit, as published after it.</summary>
    public async Task DeliverAsync(IProjection projection, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var session = await OpenAsync(cancellationToken);
            var checkpoint = await ReadCheckpointAsync(session, projection.Name, cancellationToken);
            var pending = events.Where(e => e.Position > checkpoint).OrderBy(e => e.Position).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            if (pending[0].Position == checkpoint + 1)
            {
                await ApplyAsync(session, projection, pending, cancellationToken);
                await session.Transaction.CommitAsync(cancellationToken);
                Announce(projection, pending);
                return;
            }
        }

        // Something committed earlier has not been applied yet: take everything from the store, in order.
        await CatchUpAsync(projection, cancellationToken);
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
            await using var session = await OpenAsync(cancellationToken);
            var checkpoint = await ReadCheckpointAsync(session, projection.Name, cancellationToken);
            var chunk = await ReadWholeCommandsAsync(session, checkpoint, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await ApplyAsync(session, projection, chunk, cancellationToken);
            await session.Transaction.CommitAsync(cancellationToken);
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
        await using var session = await OpenAsync(cancellationToken);
        var total = await ScalarAsync(session, "SELECT COUNT(*) FROM events", cancellationToken);
        foreach (var projection in Projections)
        {
            foreach (var table in projection.Tables)
            {
                await ExecuteAsync(session, $"DELETE FROM {table}", cancellationToken);
            }
        }

        var batches = Projections.Select(p => p.Begin(session.Connection, session.Transaction)).ToArray();
        long position = 0, applied = 0;
        try
        {
            while (true)
            {
                var chunk = await EventRows.ReadAfterAsync(session.Connection, session.Transaction, position, ChunkSize, cancellationToken);
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
        }
        finally
        {
            foreach (var batch in batches)
            {
                await batch.DisposeAsync();
            }
        }

        foreach (var projection in Projections)
        {
            await WriteCheckpointAsync(session, projection.Name, position, cancellationToken);
        }

        await session.Transaction.CommitAsync(cancellationToken);
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
        var head = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
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

    private async Task ApplyAsync(Session session, IProjection projection, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        await using (var batch = projection.Begin(session.Connection, session.Transaction))
        {
            foreach (var stored in events)
            {
                await batch.ApplyAsync(stored, cancellationToken);
            }
        }

        await WriteCheckpointAsync(session, projection.Name, events[^1].Position, cancellationToken);
    }

    /// <summary>A chunk that never splits one command's events (the two legs of a transfer) across transactions.</summary>
    private static async Task<List<StoredEvent>> ReadWholeCommandsAsync(Session session, long checkpoint, CancellationToken cancellationToken)
    {
        var chunk = await EventRows.ReadAfterAsync(session.Connection, session.Transaction, checkpoint, ChunkSize, cancellationToken);
        while (chunk.Count >= ChunkSize)
        {
            var next = await EventRows.ReadAfterAsync(session.Connection, session.Transaction, chunk[^1].Position, 8, cancellationToken);
            var sameCommand = next.TakeWhile(e => e.Metadata.CausationId == chunk[^1].Metadata.CausationId).ToList();
            chunk.AddRange(sameCommand);
            if (sameCommand.Count < next.Count || next.Count == 0)
            {
                break;
            }
        }

        return chunk;
    }

    private async Task<Session> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using (var relax = connection.CreateCommand())
        {
            relax.CommandText = SqliteDialect.RelaxedSync;
            await relax.ExecuteNonQueryAsync(cancellationToken);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new Session(db, connection, transaction);
    }

    private static async Task<long> ReadCheckpointAsync(Session session, string name, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Prepare(session.Connection, session.Transaction,
            "SELECT position FROM projection_checkpoints WHERE name = @name", "@name");
        command.Set("@name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    private async Task WriteCheckpointAsync(Session session, string name, long position, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Prepare(session.Connection, session.Transaction, """
            INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (@name, @position, @at)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """, "@name", "@position", "@at");
        command.Set("@name", name);
        command.Set("@position", position);
        command.Set("@at", time.GetUtcNow().UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(Session session, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Prepare(session.Connection, session.Transaction, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(Session session, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Prepare(session.Connection, session.Transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Session(LedgerDbContext Db, DbConnection Connection, DbTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Db.Database.CloseConnectionAsync();
            await Db.DisposeAsync();
        }
    }
}
