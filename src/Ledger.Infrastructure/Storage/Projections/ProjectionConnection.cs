using System.Data.Common;
using Ledger.Infrastructure.Storage.Sql;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// The projection runner's own connection, kept open with every projection's prepared statements and
/// the checkpoint statements: opening a connection and preparing them for each delivery cost several
/// times the delivery itself (benchmark M1). Used by one caller at a time (the runner's lock), one
/// transaction at a time. Its commits may skip the flush: read models are rebuilt from durable events.
/// </summary>
internal sealed class ProjectionConnection : IAsyncDisposable
{
    private readonly Dictionary<IProjection, IProjectionBatch> batches = [];
    private readonly DbCommand readCheckpoint;
    private readonly DbCommand writeCheckpoint;

    private ProjectionConnection(SqlEngine engine, DbConnection connection)
    {
        Engine = engine;
        Connection = connection;
        readCheckpoint = engine.Prepare(connection, null, engine.Sql.ReadCheckpoint, "@name");
        writeCheckpoint = engine.Prepare(connection, null, engine.Sql.WriteCheckpoint, "@name", "@position", "@at");
    }

    public SqlEngine Engine { get; }

    public DbConnection Connection { get; }

    /// <summary>The transaction in progress; every statement handed out is enlisted in it.</summary>
    public DbTransaction? Transaction { get; private set; }

    public bool IsUsable => Connection.State == System.Data.ConnectionState.Open;

    /// <summary>Streams this transaction put in quarantine; in force once it commits (see <see cref="Quarantine.Committed"/>).</summary>
    public Dictionary<string, long> PendingHolds { get; } = new(StringComparer.Ordinal);

    public static async Task<ProjectionConnection> OpenAsync(SqlEngine engine, CancellationToken cancellationToken, ConnectionUse use = ConnectionUse.ReadModel) =>
        new(engine, await engine.OpenAsync(use, cancellationToken));

    /// <summary>
    /// Begins a transaction; <paramref name="write"/> takes the engine's write lock up front, as a live
    /// read model needs. A shadow being rebuilt writes only its own tables and must not block writers.
    /// </summary>
    public void Begin(bool write = true)
    {
        Transaction = write ? Engine.BeginWrite(Connection) : Engine.BeginRead(Connection);
        readCheckpoint.Transaction = Transaction;
        writeCheckpoint.Transaction = Transaction;
        foreach (var batch in batches.Values)
        {
            batch.Enlist(Transaction);
        }
    }

    /// <summary>Commits; <see cref="PendingHolds"/> stay for the caller to put in force.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction!.CommitAsync(cancellationToken);
        await DisposeTransactionAsync();
    }

    /// <summary>Rolls back whatever was not committed, holds included.</summary>
    public async Task EndAsync()
    {
        PendingHolds.Clear();
        await DisposeTransactionAsync();
    }

    private async Task DisposeTransactionAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public IProjectionBatch BatchFor(IProjection projection)
    {
        if (!batches.TryGetValue(projection, out var batch))
        {
            batch = projection.Begin(Engine, Connection, Transaction!);
            batches.Add(projection, batch);
        }

        return batch;
    }

    public async Task<long> ReadCheckpointAsync(string name, CancellationToken cancellationToken)
    {
        readCheckpoint.Set("@name", name);
        return await readCheckpoint.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    public async Task WriteCheckpointAsync(string name, long position, DateTimeOffset at, CancellationToken cancellationToken)
    {
        writeCheckpoint.Set("@name", name);
        writeCheckpoint.Set("@position", position);
        writeCheckpoint.Set("@at", Engine.Instant(at));
        await writeCheckpoint.ExecuteNonQueryAsync(cancellationToken);
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
        await Connection.DisposeAsync();
    }
}
