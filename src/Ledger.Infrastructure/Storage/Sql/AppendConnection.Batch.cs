namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// Group commit on the append connection: one transaction for a batch of appends, each between a
/// savepoint and its release, and, where the driver batches, appends held back and sent together.
/// </summary>
internal sealed partial class AppendConnection
{
    /// <summary>Begins the batch's transaction and takes the engine's locks now (SQLite's BEGIN IMMEDIATE, PostgreSQL's append lock).</summary>
    public async Task BeginBatchAsync(CancellationToken cancellationToken)
    {
        if (batch is not null)
        {
            throw new InvalidOperationException("A batch is already open on the append connection.");
        }

        batch = engine.BeginWrite(Connection);
        if (queued is null)
        {
            await engine.BeforeAppendAsync(Connection, batch, cancellationToken);
            return;
        }

        // The lock and then the head, in one round trip: positions of held appends are counted from it.
        await using var begin = Connection.CreateBatch();
        begin.Transaction = batch;
        if (engine.Sql.AppendLock is { } appendLock)
        {
            begin.Add(appendLock);
        }

        begin.Add(QueuedAppends.HeadPosition);
        await using var reader = await begin.ExecuteReaderAsync(cancellationToken);
        if (engine.Sql.AppendLock is not null)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        queued.NextPosition = (await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0) + 1;
        while (await reader.NextResultAsync(cancellationToken))
        {
        }
    }

    /// <summary>Sends the appends held back (see <see cref="QueuedAppends.SendAsync"/>); on failure <see cref="FailedQueuedIndex"/> says which.</summary>
    public async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        if (queued is not null && batch is not null)
        {
            await queued.SendAsync(batch, cancellationToken);
        }
    }

    /// <summary>Commits the batch with one flush. On failure the transaction is rolled back, if the engine has not done so itself.</summary>
    public async Task CommitBatchAsync(CancellationToken cancellationToken)
    {
        var transaction = batch ?? throw new InvalidOperationException("No batch is open on the append connection.");
        if (Queued > 0)
        {
            throw new InvalidOperationException("The batch still holds appends that were not sent.");
        }

        var committed = false;
        try
        {
            await transaction.CommitAsync(cancellationToken);
            committed = true;
        }
        finally
        {
            await CloseBatchAsync(rollBack: !committed);
        }
    }

    /// <summary>
    /// Rolls the whole batch back. After an I/O error, a full disk or a busy lock SQLite may already have
    /// rolled it back itself, and a broken server connection has nothing left to roll back: either way the
    /// rollback's own failure changes nothing, and the caller drops this connection.
    /// </summary>
    public Task AbortBatchAsync() => CloseBatchAsync(rollBack: true);

    /// <summary>
    /// Ends the batch: rolls it back unless it committed. A committed transaction is not rolled back "to be
    /// sure": the driver refuses with an exception, thrown and caught inside the write turn on every batch.
    /// </summary>
    private async Task CloseBatchAsync(bool rollBack)
    {
        if (batch is null)
        {
            return;
        }

        var transaction = batch;
        batch = null;
        if (queued is not null)
        {
            await queued.ClearAsync();
        }

        insertEvent.Transaction = insertCommand.Transaction = streamVersion.Transaction = savepoint.Transaction = release.Transaction = null;
        try
        {
            if (rollBack)
            {
                await transaction.RollbackAsync();
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException)
        {
            // Already rolled back, or the connection is gone (see AbortBatchAsync).
        }

        await transaction.DisposeAsync();
    }

    /// <summary>Undoes the last append of the batch, which failed (a stale version or a taken command id), and nothing before it.</summary>
    public async Task UndoAppendAsync(CancellationToken cancellationToken)
    {
        if (batch is not null)
        {
            await batch.RollbackAsync(Savepoint, cancellationToken);
            await batch.ReleaseAsync(Savepoint, cancellationToken);
        }
    }

    private IReadOnlyList<StoredEvent> Hold(QueuedAppends held, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command)
    {
        var statements = held.Begin(Connection);
        statements.Add("SAVEPOINT " + Savepoint);
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var stored = new List<StoredEvent>();
        foreach (var e in Planned(appends, metadata, LedgerClock.CommitTime(time)))
        {
            var positioned = e with { Position = held.NextPosition };
            statements.Add(engine.Sql.InsertEvent, EventParameters(positioned, metadataJson));
            held.Inserted(positioned.Position);
            stored.Add(positioned);
        }

        if (command is not null)
        {
            statements.Add(engine.Sql.InsertCommand + QueuedAppends.RecordReturns, CommandParameters(command));
            held.Inserted(null);
        }

        statements.Add("RELEASE SAVEPOINT " + Savepoint);
        return stored;
    }
}
