namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// The projection runner's own connection, kept open with every projection's prepared statements and
/// the checkpoint statements: opening a connection and preparing them for each delivery cost several
/// times the delivery itself (benchmark M1). Used by one caller at a time (the runner's lock), one
/// transaction at a time. Its commits may skip the flush: read models are rebuilt from durable events.
/// Writes go through <see cref="Writes"/>, so on a server they travel together (see <see cref="BatchedTransaction"/>).
/// </summary>
internal sealed class ProjectionConnection : IAsyncDisposable
{
    private readonly Dictionary<IProjection, IProjectionBatch> batches = [];
    private readonly DbCommand readCheckpoint;
    private readonly DbCommand writeCheckpoint;
    private readonly DbCommand moveCheckpoint;
    private readonly DbCommand requireCheckpoint;

    private ProjectionConnection(SqlEngine engine, DbConnection connection)
    {
        Engine = engine;
        Connection = connection;
        Writes = new BatchedTransaction(engine, connection);
        readCheckpoint = engine.Prepare(connection, null, engine.Sql.ReadCheckpoint, "@name");
        writeCheckpoint = engine.Prepare(connection, null, engine.Sql.WriteCheckpoint, "@name", "@position", "@at");
        moveCheckpoint = engine.Prepare(connection, null, engine.Sql.MoveCheckpoint, "@name", "@from", "@position", "@at");
        requireCheckpoint = engine.Prepare(connection, null, CheckpointGuard.Sql(engine), "@name", "@position");
    }

    public SqlEngine Engine { get; }

    public DbConnection Connection { get; }

    /// <summary>The transaction in progress: every write of this connection goes through it.</summary>
    public BatchedTransaction Writes { get; }

    public bool IsUsable => Connection.State == System.Data.ConnectionState.Open;

    /// <summary>Streams this transaction put in quarantine; in force once it commits (see <see cref="Quarantine.Committed"/>).</summary>
    public Dictionary<string, long> PendingHolds { get; } = new(StringComparer.Ordinal);

    public static async Task<ProjectionConnection> OpenAsync(SqlEngine engine, CancellationToken cancellationToken, ConnectionUse use = ConnectionUse.ReadModel) =>
        new(engine, await engine.OpenAsync(use, cancellationToken));

    /// <summary>
    /// Begins a transaction; <paramref name="write"/> takes the engine's write lock, as a live read model
    /// needs. A shadow being rebuilt writes only its own tables and must not block writers.
    /// </summary>
    public void Begin(bool write = true) => Writes.Begin(write);

    /// <summary>Commits; <see cref="PendingHolds"/> stay for the caller to put in force.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Writes.CommitAsync(cancellationToken);

    /// <summary>Rolls back whatever was not committed, holds included.</summary>
    public async Task EndAsync()
    {
        PendingHolds.Clear();
        await Writes.EndAsync();
    }

    public IProjectionBatch BatchFor(IProjection projection)
    {
        if (!batches.TryGetValue(projection, out var batch))
        {
            batch = projection.Begin(Engine, Writes);
            batches.Add(projection, batch);
        }

        return batch;
    }

    /// <summary>A projection's checkpoint, read inside the transaction (on PostgreSQL under the row's lock, see <see cref="LedgerStatements.ReadCheckpoint"/>).</summary>
    public async Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken)
    {
        readCheckpoint.Transaction = await Writes.ReadyAsync(cancellationToken);
        readCheckpoint.Set("@name", name);
        return await readCheckpoint.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    /// <summary>
    /// Where writes travel together: queues the checkpoint read for its lock alone, so that runners of
    /// several processes still take turns per projection (SQLite's write transaction already makes them).
    /// </summary>
    public async Task LockCheckpointAsync(string name, CancellationToken cancellationToken)
    {
        if (Writes.Batches)
        {
            await Writes.ExecuteAsync(readCheckpoint.Set("@name", name), cancellationToken);
        }
    }

    public async Task WriteCheckpointAsync(string name, long position, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Writes.ExecuteAsync(writeCheckpoint.Set("@name", name).Set("@position", position).Set("@at", Engine.Instant(at)), cancellationToken);

    /// <summary>Moves the checkpoint past positions <paramref name="from"/>..<paramref name="to"/> if nothing before them is missing (see <see cref="LedgerStatements.MoveCheckpoint"/>).</summary>
    public async Task<StatementResult> MoveCheckpointAsync(string name, long from, long to, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Writes.ExecuteAsync(moveCheckpoint.Set("@name", name).Set("@from", from).Set("@position", to).Set("@at", Engine.Instant(at)), cancellationToken);

    /// <summary>
    /// Where writes travel together: queues <see cref="CheckpointGuard"/>'s statement, so that a delivery whose
    /// checkpoint move was refused commits nothing (see <see cref="ProjectionRunner.DeliverAsync"/>).
    /// </summary>
    public async Task RequireCheckpointAsync(string name, long position, CancellationToken cancellationToken)
    {
        if (Writes.Batches)
        {
            await Writes.ExecuteAsync(requireCheckpoint.Set("@name", name).Set("@position", position), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        foreach (var batch in batches.Values)
        {
            await batch.DisposeAsync();
        }

        await readCheckpoint.DisposeAsync();
        await writeCheckpoint.DisposeAsync();
        await moveCheckpoint.DisposeAsync();
        await requireCheckpoint.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
