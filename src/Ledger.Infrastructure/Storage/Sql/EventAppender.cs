using System.Data.Common;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The only code that inserts into <c>events</c>, and the write path's one lock: a session is this
/// process's turn to write. It keeps one connection open with its statements prepared, because opening
/// and configuring a connection and preparing SQL per append cost several times the inserts themselves
/// (benchmark M4); the engine's own write lock queues other processes.
/// </summary>
public sealed class EventAppender(SqlEngine engine, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private Statements? statements;

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
        var sql = statements ??= await Statements.OpenAsync(engine, cancellationToken);
        try
        {
            return await AppendInTransactionAsync(sql, appends, metadata, command, cancellationToken);
        }
        catch (Exception exception) when (engine.Classify(exception) == StorageFailure.StreamVersionConflict)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "concurrency_conflict");
            throw await ConflictForAsync(sql, appends, cancellationToken);
        }
        catch (Exception exception) when (command is not null && engine.Classify(exception) == StorageFailure.DuplicateCommand)
        {
            throw new DuplicateCommandException(command.CommandId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Anything else (disk full, I/O error, file replaced, server gone) may have left the connection
            // in a state nobody should append on: start over with a fresh one next time. The transaction
            // has rolled back, so nothing of this append was written.
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendInTransactionAsync(
        Statements sql, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        await using var transaction = engine.BeginWrite(sql.Connection);
        sql.Enlist(transaction);
        try
        {
            await engine.BeforeAppendAsync(sql.Connection, transaction, cancellationToken);
            var stored = await InsertAllAsync(sql, appends, metadata, command, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return stored;
        }
        finally
        {
            sql.Enlist(null);
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> InsertAllAsync(
        Statements sql,
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        IdempotencyRecord? command,
        CancellationToken cancellationToken)
    {
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var stored = new List<StoredEvent>();
        foreach (var append in appends)
        {
            var version = append.Expected.IsAny ? await StreamVersionAsync(sql, append.StreamId, cancellationToken) : append.Expected.Value;
            foreach (var newEvent in append.Events)
            {
                var type = EventTypeRegistry.For(newEvent.Data);
                var occurredAt = new DateTimeOffset(newEvent.Data.OccurredAt.UtcTicks, TimeSpan.Zero);
                var position = await sql.InsertEvent
                    .Set("@stream", append.StreamId)
                    .Set("@version", ++version)
                    .Set("@id", engine.Id(newEvent.EventId))
                    .Set("@type", type.Name)
                    .Set("@schema", type.SchemaVersion)
                    .Set("@data", EventSerializer.Serialize(newEvent.Data))
                    .Set("@metadata", metadataJson)
                    .Set("@at", engine.Instant(occurredAt))
                    .ScalarInt64Async(cancellationToken);
                stored.Add(new StoredEvent(position!.Value, append.StreamId, version, newEvent.EventId, type.Name, type.SchemaVersion,
                    newEvent.Data, metadata, occurredAt));
            }
        }

        if (command is not null)
        {
            await sql.InsertCommand
                .Set("@id", command.CommandId)
                .Set("@type", command.CommandType)
                .Set("@hash", command.RequestHash)
                .Set("@result", command.Result)
                .Set("@natural", command.NaturalKey)
                .Set("@at", engine.Instant(time.GetUtcNow()))
                .ExecuteNonQueryAsync(cancellationToken);
        }

        return stored;
    }

    private static async Task<long> StreamVersionAsync(Statements sql, string streamId, CancellationToken cancellationToken) =>
        await sql.StreamVersion.Set("@stream", streamId).ScalarInt64Async(cancellationToken) ?? 0;

    private static async Task<ConcurrencyException> ConflictForAsync(Statements sql, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        // The transaction has rolled back; name the first stream whose expectation no longer holds.
        foreach (var append in appends)
        {
            var actual = await StreamVersionAsync(sql, append.StreamId, cancellationToken);
            if (!append.Expected.IsAny && actual != append.Expected.Value)
            {
                return new ConcurrencyException(append.StreamId, append.Expected, actual);
            }
        }

        var first = appends[0];
        return new ConcurrencyException(first.StreamId, first.Expected, await StreamVersionAsync(sql, first.StreamId, cancellationToken));
    }

    private async Task DropConnectionAsync()
    {
        if (statements is not null)
        {
            await statements.DisposeAsync();
            statements = null;
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

    /// <summary>One turn at writing: appends made through it run one at a time, on the appender's connection.</summary>
    private sealed class Session(EventAppender appender) : IEventStoreSession
    {
        private int disposed;

        public Task<IReadOnlyList<StoredEvent>> AppendAsync(
            IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(appends);
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return appender.AppendAsync(appends, metadata, command, cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                appender.turn.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The append connection and its prepared statements, created together and dropped together.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private Statements(SqlEngine engine, DbConnection connection)
        {
            Connection = connection;
            var sql = engine.Sql;
            InsertEvent = engine.Prepare(connection, null, sql.InsertEvent, "@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at");
            InsertCommand = engine.Prepare(connection, null, sql.InsertCommand, "@id", "@type", "@hash", "@result", "@natural", "@at");
            StreamVersion = engine.Prepare(connection, null, sql.StreamVersion, "@stream");
        }

        public DbConnection Connection { get; }

        public DbCommand InsertEvent { get; }

        public DbCommand InsertCommand { get; }

        public DbCommand StreamVersion { get; }

        public static async Task<Statements> OpenAsync(SqlEngine engine, CancellationToken cancellationToken) =>
            new(engine, await engine.OpenAsync(ConnectionUse.Append, cancellationToken));

        public void Enlist(DbTransaction? transaction)
        {
            InsertEvent.Transaction = transaction;
            InsertCommand.Transaction = transaction;
            StreamVersion.Transaction = transaction;
        }

        public async ValueTask DisposeAsync()
        {
            await InsertEvent.DisposeAsync();
            await InsertCommand.DisposeAsync();
            await StreamVersion.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
