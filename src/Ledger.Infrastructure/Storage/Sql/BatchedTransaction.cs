namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// One transaction at a time on a kept-open connection, whose writes go to the server together where the
/// driver can batch (Npgsql: <see cref="DbConnection.CanCreateBatch"/>). There, writes queue until
/// something needs an answer or the commit, and a transaction that only writes is one batch without a
/// BEGIN: the driver runs it as one implicit transaction, so the writes and the commit cost one round
/// trip, and a failing statement rolls back the whole batch. Where the driver cannot batch
/// (Microsoft.Data.Sqlite, in process, where a round trip costs nothing), the transaction begins at once
/// and each write runs when it is handed over, as before.
/// </summary>
public sealed class BatchedTransaction(SqlEngine engine, DbConnection connection)
{
    /// <summary>Above this many queued writes inside a begun transaction they are sent, so no batch grows without bound (a rebuild's chunk).</summary>
    private const int MaxQueued = 512;

    private readonly List<(DbBatchCommand Command, StatementResult Result)> queued = [];
    private DbBatch? pending;
    private DbTransaction? transaction;
    private bool active;
    private bool write;

    public DbConnection Connection => connection;

    /// <summary>True where writes queue and go together (see the class summary).</summary>
    public bool Batches { get; } = connection.CanCreateBatch;

    /// <summary>The database transaction if it has begun (always, where writes are not batched); null while only writes have been queued.</summary>
    public DbTransaction? Current => transaction;

    /// <summary>
    /// The database transaction, begun now if it has not been, with every queued write sent: for a statement
    /// whose answer the caller needs inside the transaction (a checkpoint read under its lock, the events of a
    /// catch-up chunk), and which must see the writes made before it.
    /// </summary>
    public async ValueTask<DbTransaction> ReadyAsync(CancellationToken cancellationToken)
    {
        var begun = Begun();
        await FlushAsync(cancellationToken);
        return begun;
    }

    /// <summary>Starts a transaction; <paramref name="write"/> takes the engine's write lock (see <see cref="SqlEngine.BeginWrite"/>).</summary>
    public void Begin(bool write)
    {
        if (active)
        {
            throw new InvalidOperationException("A transaction is already in progress on this connection.");
        }

        active = true;
        this.write = write;
        if (!Batches)
        {
            Begun();
        }
    }

    /// <summary>
    /// Runs a write in this transaction with its parameters as they are now, or queues it (see the class
    /// summary). Its rows affected are known once it has run: at once, or after the next read or the commit.
    /// </summary>
    public async ValueTask<StatementResult> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (!Batches)
        {
            command.Transaction = Begun();
            return new StatementResult { RecordsAffected = await command.ExecuteNonQueryAsync(cancellationToken) };
        }

        pending ??= connection.CreateBatch();
        var batchCommand = pending.CopyOf(command);
        pending.BatchCommands.Add(batchCommand);
        var result = new StatementResult();
        queued.Add((batchCommand, result));
        if (queued.Count >= MaxQueued)
        {
            await ReadyAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Sends the queued writes, inside the transaction if it has begun, else as one implicit transaction of their own.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending is null)
        {
            return;
        }

        try
        {
            pending.Transaction = transaction;
            await pending.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (command, result) in queued)
            {
                result.RecordsAffected = command.RecordsAffected;
            }
        }
        finally
        {
            await DropQueuedAsync();
        }
    }

    /// <summary>Commits: the queued writes, with the COMMIT in the same round trip when no statement began the transaction.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        await EndAsync();
    }

    /// <summary>Rolls back whatever was not committed: queued writes are dropped unsent.</summary>
    public async Task EndAsync()
    {
        await DropQueuedAsync();
        active = false;
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
            transaction = null;
        }
    }

    /// <summary>The database transaction, begun now if it has not been. A BEGIN goes out with the next statement, so this costs nothing.</summary>
    private DbTransaction Begun()
    {
        if (!active)
        {
            throw new InvalidOperationException("No transaction: call Begin first.");
        }

        return transaction ??= write ? engine.BeginWrite(connection) : engine.BeginRead(connection);
    }

    private async ValueTask DropQueuedAsync()
    {
        queued.Clear();
        if (pending is not null)
        {
            await pending.DisposeAsync();
            pending = null;
        }
    }
}

/// <summary>What a write did, once it has run (see <see cref="BatchedTransaction.ExecuteAsync"/>).</summary>
public sealed class StatementResult
{
    /// <summary>-1 until the statement has run.</summary>
    public int RecordsAffected { get; internal set; } = -1;
}
