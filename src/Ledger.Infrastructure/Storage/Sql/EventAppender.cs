using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The only code that inserts into <c>events</c>, and the write path's one lock: a session is this
/// process's turn to write. It keeps one connection open with its statements prepared, because opening
/// and configuring a connection and preparing SQL per append cost several times the inserts themselves
/// (benchmark M4); the engine's own write lock queues other processes. How an append reaches the database
/// (one batch on a server, prepared statements in process) is <see cref="AppendConnection"/>'s.
/// </summary>
public sealed partial class EventAppender(SqlEngine engine, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private AppendConnection? connection;

    /// <summary>A batch was begun and has not ended: if its connection is gone, so is the batch, and nothing may append outside it.</summary>
    private bool batchOpen;

    /// <summary>The session asked for appends to be held back in its batch (see <see cref="IEventStoreSession.QueueAppends"/>).</summary>
    private bool queueAppends;

    public async Task<IEventStoreSession> BeginAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        return new Session(this);
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        IdempotencyRecord? command,
        CancellationToken cancellationToken)
    {
        using var span = LedgerTelemetry.Source.StartActivity(LedgerTelemetry.AppendSpan);
        span?.SetTag(LedgerTelemetry.StreamTag, string.Join(",", appends.Select(a => a.StreamId)));
        span?.SetTag(LedgerTelemetry.EventCountTag, appends.Sum(a => a.Events.Count));
        if (batchOpen && connection is not { InBatch: true })
        {
            throw new InvalidOperationException("The batch was rolled back by an earlier failure: nothing of it was written.");
        }

        var sql = connection ??= await AppendConnection.OpenAsync(engine, time, cancellationToken);
        try
        {
            return await sql.AppendAsync(appends, metadata, command, batchOpen && queueAppends, cancellationToken);
        }
        catch (Exception exception) when (engine.Classify(exception) == StorageFailure.StreamVersionConflict)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "concurrency_conflict");
            await UndoOrDropAsync(sql, cancellationToken);
            throw await ConflictForAsync(sql, appends, cancellationToken);
        }
        catch (Exception exception) when (command is not null && engine.Classify(exception) == StorageFailure.DuplicateCommand)
        {
            await UndoOrDropAsync(sql, cancellationToken);
            throw new DuplicateCommandException(command.CommandId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || sql.InBatch)
        {
            // Anything else (disk full, I/O error, file replaced, server gone) may have left the connection
            // in a state nobody should append on: start over with a fresh one next time. The transaction
            // (a batch's too: every append in it) has rolled back, so nothing of it was written.
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task BeginBatchAsync(CancellationToken cancellationToken)
    {
        var sql = connection ??= await AppendConnection.OpenAsync(engine, time, cancellationToken);
        try
        {
            await sql.BeginBatchAsync(cancellationToken);
            batchOpen = true;
        }
        catch
        {
            // Busy (another process holds the lock) or broken: nothing was written; a fresh connection next time.
            await DropConnectionAsync();
            throw;
        }
    }

    /// <summary>Sends the appends held back; a failure on an expected version or a command id undoes that append alone and names it.</summary>
    private async Task<int> SendQueuedAsync(CancellationToken cancellationToken)
    {
        if (connection is not { Queued: > 0 } sql)
        {
            return -1;
        }

        try
        {
            await sql.SendQueuedAsync(cancellationToken);
            return -1;
        }
        catch (Exception exception) when (sql.FailedQueuedIndex is { } failed
            && engine.Classify(exception) is StorageFailure.StreamVersionConflict or StorageFailure.DuplicateCommand)
        {
            await UndoOrDropAsync(sql, cancellationToken);
            return failed;
        }
        catch
        {
            // As for an append that failed otherwise: the batch has rolled back, start over on a fresh connection.
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task CommitBatchAsync(CancellationToken cancellationToken)
    {
        var sql = batchOpen && connection is { InBatch: true } open
            ? open
            : throw new InvalidOperationException("The batch was rolled back by an earlier failure: nothing of it was written.");
        try
        {
            await sql.CommitBatchAsync(cancellationToken);
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
        finally
        {
            batchOpen = false;
            queueAppends = false;
        }
    }

    /// <summary>
    /// In a batch, undoes the failed append alone (its savepoint) so the batch goes on; if even that fails,
    /// the batch is lost: the connection is dropped, and that failure is what the caller hears.
    /// </summary>
    private async Task UndoOrDropAsync(AppendConnection sql, CancellationToken cancellationToken)
    {
        try
        {
            await sql.UndoAppendAsync(cancellationToken);
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
    }

    private static async Task<ConcurrencyException> ConflictForAsync(AppendConnection sql, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        // The transaction has rolled back; name the first stream whose expectation no longer holds.
        foreach (var append in appends)
        {
            var actual = await sql.StreamVersionAsync(append.StreamId, cancellationToken);
            if (!append.Expected.IsAny && actual != append.Expected.Value)
            {
                return new ConcurrencyException(append.StreamId, append.Expected, actual);
            }
        }

        var first = appends[0];
        return new ConcurrencyException(first.StreamId, first.Expected, await sql.StreamVersionAsync(first.StreamId, cancellationToken));
    }

    private async Task DropConnectionAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await turn.WaitAsync();
        try
        {
            await DropConnectionAsync();
        }
        finally
        {
            turn.Release();
        }
    }
}
