using System.Data.Common;
using Ledger.Infrastructure.Storage.Sql;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// The projection runner's own connection, kept open with every projection's prepared statements and
/// the checkpoint statements: opening a connection and preparing them for each delivery cost several
/// times the delivery itself (benchmark M1). Used only inside the write gate, one transaction at a time.
/// Projection writes skip the fsync (synchronous=NORMAL): they are rebuilt from durable events after a crash.
/// </summary>
internal sealed class ProjectionConnection : IAsyncDisposable
{
    private readonly Dictionary<IProjection, IProjectionBatch> batches = [];
    private readonly DbCommand readCheckpoint;
    private readonly DbCommand writeCheckpoint;

    private ProjectionConnection(SqliteConnection connection)
    {
        Connection = connection;
        readCheckpoint = SqlCommands.Prepare(connection, null, "SELECT position FROM projection_checkpoints WHERE name = @name", "@name");
        writeCheckpoint = SqlCommands.Prepare(connection, null, """
            INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (@name, @position, @at)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """, "@name", "@position", "@at");
    }

    public SqliteConnection Connection { get; }

    /// <summary>The transaction in progress; every statement handed out is enlisted in it.</summary>
    public SqliteTransaction? Transaction { get; private set; }

    public bool IsUsable => Connection.State == System.Data.ConnectionState.Open;

    public static async Task<ProjectionConnection> OpenAsync(SqliteConnections connections, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenForWritingAsync(cancellationToken);
        try
        {
            await using var relax = connection.CreateCommand();
            relax.CommandText = SqliteDialect.RelaxedSync;
            await relax.ExecuteNonQueryAsync(cancellationToken);
            return new ProjectionConnection(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Begin()
    {
        Transaction = Connection.BeginTransaction(deferred: false);
        readCheckpoint.Transaction = Transaction;
        writeCheckpoint.Transaction = Transaction;
        foreach (var batch in batches.Values)
        {
            batch.Enlist(Transaction);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction!.CommitAsync(cancellationToken);
        await EndAsync();
    }

    /// <summary>Rolls back whatever was not committed.</summary>
    public async Task EndAsync()
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
            batch = projection.Begin(Connection, Transaction!);
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
        writeCheckpoint.Set("@at", at.UtcTicks);
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
