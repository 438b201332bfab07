using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// The only code that inserts into <c>events</c>. It keeps one connection open with its statements
/// prepared: opening and configuring a connection, building EF Core's change set and preparing SQL
/// per append cost several times the inserts themselves (benchmark M4), and SQLite admits one
/// writer at a time anyway. Appends from this process queue on <see cref="mutex"/>; other processes
/// queue on SQLite's write lock (busy timeout).
/// </summary>
public sealed class EventAppender(SqliteConnections connections, TimeProvider time) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim mutex = new(1, 1);
    private Statements? statements;

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken)
    {
        await mutex.WaitAsync(cancellationToken);
        try
        {
            var sql = statements ??= await Statements.OpenAsync(connections, cancellationToken);
            try
            {
                return await AppendInTransactionAsync(sql, appends, metadata, command, cancellationToken);
            }
            catch (SqliteException exception) when (SqliteDialect.IsStreamVersionConflict(exception))
            {
                throw await ConflictForAsync(sql, appends, cancellationToken);
            }
            catch (SqliteException exception) when (command is not null && SqliteDialect.IsDuplicateCommand(exception))
            {
                throw new DuplicateCommandException(command.CommandId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Anything else (disk full, I/O error, file replaced) may have left the connection in a
                // state nobody should append on: start over with a fresh one next time. The transaction
                // has rolled back, so nothing of this append was written.
                await sql.DisposeAsync();
                statements = null;
                throw;
            }
        }
        finally
        {
            mutex.Release();
        }
    }

    /// <summary>The current version of a stream, read on the append connection (used for <see cref="ExpectedVersion.Any"/>).</summary>
    private static async Task<long> StreamVersionAsync(Statements sql, string streamId, CancellationToken cancellationToken)
    {
        sql.StreamVersion.Parameters[0].Value = streamId;
        return await sql.StreamVersion.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendInTransactionAsync(
        Statements sql,
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken)
    {
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var stored = new List<StoredEvent>();

        // BEGIN IMMEDIATE: takes SQLite's write lock up front, so the transaction never has to upgrade a
        // read lock later (the upgrade is what produces SQLITE_BUSY mid-transaction).
        await using var transaction = sql.Connection.BeginTransaction(deferred: false);
        sql.Enlist(transaction);
        try
        {
            await InsertAllAsync(sql, appends, metadata, metadataJson, command, stored, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return stored;
        }
        finally
        {
            sql.Enlist(null);
        }
    }

    private async Task InsertAllAsync(
        Statements sql,
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        string metadataJson,
        ProcessedCommandRecord? command,
        List<StoredEvent> stored,
        CancellationToken cancellationToken)
    {
        foreach (var append in appends)
        {
            var version = append.Expected.IsAny ? await StreamVersionAsync(sql, append.StreamId, cancellationToken) : append.Expected.Value;
            foreach (var newEvent in append.Events)
            {
                var type = EventTypeRegistry.For(newEvent.Data);
                var occurredAt = newEvent.Data.OccurredAt;
                var insert = sql.InsertEvent;
                insert.Parameters[0].Value = append.StreamId;
                insert.Parameters[1].Value = ++version;
                // EF Core's SQLite mapping stores Guids as upper-case text; reads and queries expect that form.
                insert.Parameters[2].Value = newEvent.EventId.ToString().ToUpperInvariant();
                insert.Parameters[3].Value = type.Name;
                insert.Parameters[4].Value = type.SchemaVersion;
                insert.Parameters[5].Value = EventSerializer.Serialize(newEvent.Data);
                insert.Parameters[6].Value = metadataJson;
                insert.Parameters[7].Value = occurredAt.UtcTicks;
                var position = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
                stored.Add(new StoredEvent(position, append.StreamId, version, newEvent.EventId, type.Name, type.SchemaVersion,
                    newEvent.Data, metadata, new DateTimeOffset(occurredAt.UtcTicks, TimeSpan.Zero)));
            }
        }

        if (command is not null)
        {
            command.RecordedAt = time.GetUtcNow();
            var insert = sql.InsertCommand;
            insert.Parameters[0].Value = command.CommandId;
            insert.Parameters[1].Value = command.CommandType;
            insert.Parameters[2].Value = command.RequestHash;
            insert.Parameters[3].Value = command.Result;
            insert.Parameters[4].Value = command.RecordedAt.UtcTicks;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

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

    public async ValueTask DisposeAsync()
    {
        if (statements is not null)
        {
            await statements.DisposeAsync();
            statements = null;
        }

        mutex.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The append connection and its prepared statements, created together and dropped together.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private Statements(SqliteConnection connection)
        {
            Connection = connection;
            InsertEvent = Prepare("""
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at)
                VALUES (@stream, @version, @id, @type, @schema, @data, @metadata, @at)
                RETURNING position
                """, "@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at");
            InsertCommand = Prepare("""
                INSERT INTO processed_commands (command_id, command_type, request_hash, result, recorded_at)
                VALUES (@id, @type, @hash, @result, @at)
                """, "@id", "@type", "@hash", "@result", "@at");
            StreamVersion = Prepare("SELECT MAX(stream_version) FROM events WHERE stream_id = @stream", "@stream");
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand InsertEvent { get; }

        public SqliteCommand InsertCommand { get; }

        public SqliteCommand StreamVersion { get; }

        public static async Task<Statements> OpenAsync(SqliteConnections connections, CancellationToken cancellationToken) =>
            new(await connections.OpenForWritingAsync(cancellationToken));

        public void Enlist(SqliteTransaction? transaction)
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

        private SqliteCommand Prepare(string sql, params string[] parameterNames)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
