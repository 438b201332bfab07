using System.Data.Common;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The append connection and its prepared statements, created together and dropped together. An append
/// is one transaction: the engine's append lock if it has one, the events, the command's record, the
/// commit. Where the driver can batch (Npgsql) and every expected version is known, those go to the
/// server as one batch without a BEGIN, which the server runs as one implicit transaction: one round trip
/// with the commit's flush, and a statement that fails rolls the whole batch back. Elsewhere (SQLite, in
/// process) they run one after the other in an explicit transaction, as prepared statements.
/// </summary>
internal sealed class AppendConnection : IAsyncDisposable
{
    private readonly SqlEngine engine;
    private readonly TimeProvider time;
    private readonly DbCommand insertEvent;
    private readonly DbCommand insertCommand;
    private readonly DbCommand streamVersion;

    private AppendConnection(SqlEngine engine, DbConnection connection, TimeProvider time)
    {
        this.engine = engine;
        this.time = time;
        Connection = connection;
        var sql = engine.Sql;
        insertEvent = engine.Prepare(connection, null, sql.InsertEvent, "@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at", "@recorded");
        insertCommand = engine.Prepare(connection, null, sql.InsertCommand, "@id", "@type", "@hash", "@result", "@natural", "@at");
        streamVersion = engine.Prepare(connection, null, sql.StreamVersion, "@stream");
    }

    public DbConnection Connection { get; }

    public static async Task<AppendConnection> OpenAsync(SqlEngine engine, TimeProvider time, CancellationToken cancellationToken) =>
        new(engine, await engine.OpenAsync(ConnectionUse.Append, cancellationToken), time);

    public Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken) =>
        Connection.CanCreateBatch && appends.All(a => !a.Expected.IsAny)
            ? InOneBatchAsync(appends, metadata, command, cancellationToken)
            : StatementByStatementAsync(appends, metadata, command, cancellationToken);

    /// <summary>The stream's current version, read outside any transaction (after a failed append).</summary>
    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        streamVersion.Transaction = null;
        return await streamVersion.Set("@stream", streamId).ScalarInt64Async(cancellationToken) ?? 0;
    }

    private async Task<IReadOnlyList<StoredEvent>> InOneBatchAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        var stored = Planned(appends, metadata, LedgerClock.CommitTime(time));
        await using var batch = Connection.CreateBatch();
        if (engine.Sql.AppendLock is { } appendLock)
        {
            batch.Add(appendLock);
        }

        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        foreach (var e in stored)
        {
            batch.Add(engine.Sql.InsertEvent, EventParameters(e, metadataJson));
        }

        if (command is not null)
        {
            batch.Add(engine.Sql.InsertCommand, CommandParameters(command));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (engine.Sql.AppendLock is not null)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        var positions = new long[stored.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : throw new InvalidOperationException("The insert returned no position.");
            await reader.NextResultAsync(cancellationToken);
        }

        // Whatever is left (the commit itself) must be read to the end: a failure there surfaces here.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return stored.Select((e, i) => e with { Position = positions[i] }).ToArray();
    }

    private async Task<IReadOnlyList<StoredEvent>> StatementByStatementAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        await using var transaction = engine.BeginWrite(Connection);
        insertEvent.Transaction = insertCommand.Transaction = streamVersion.Transaction = transaction;
        await engine.BeforeAppendAsync(Connection, transaction, cancellationToken);
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var recordedAt = LedgerClock.CommitTime(time);
        var stored = new List<StoredEvent>();
        foreach (var append in appends)
        {
            var version = append.Expected.IsAny ? await streamVersion.Set("@stream", append.StreamId).ScalarInt64Async(cancellationToken) ?? 0 : append.Expected.Value;
            foreach (var e in Planned([append with { Expected = ExpectedVersion.Exactly(version) }], metadata, recordedAt))
            {
                foreach (var (name, value) in EventParameters(e, metadataJson))
                {
                    insertEvent.Set(name, value);
                }

                stored.Add(e with { Position = await insertEvent.ScalarInt64Async(cancellationToken) ?? throw new InvalidOperationException("The insert returned no position.") });
            }
        }

        if (command is not null)
        {
            foreach (var (name, value) in CommandParameters(command))
            {
                insertCommand.Set(name, value);
            }

            await insertCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>The events as they will be stored, with their stream versions; positions come from the database.</summary>
    private static List<StoredEvent> Planned(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, DateTimeOffset recordedAt)
    {
        var planned = new List<StoredEvent>();
        foreach (var append in appends)
        {
            var version = append.Expected.Value;
            foreach (var newEvent in append.Events)
            {
                var type = EventTypeRegistry.For(newEvent.Data);
                var occurredAt = new DateTimeOffset(newEvent.Data.OccurredAt.UtcTicks, TimeSpan.Zero);
                planned.Add(new StoredEvent(0, append.StreamId, ++version, newEvent.EventId, type.Name, type.SchemaVersion, newEvent.Data, metadata, occurredAt) { RecordedAt = recordedAt });
            }
        }

        return planned;
    }

    private (string, object?)[] EventParameters(StoredEvent e, string metadataJson) =>
    [
        ("@stream", e.StreamId), ("@version", e.StreamVersion), ("@id", engine.Id(e.EventId)), ("@type", e.EventType),
        ("@schema", e.SchemaVersion), ("@data", EventSerializer.Serialize(e.Data)), ("@metadata", metadataJson), ("@at", engine.Instant(e.OccurredAt)),
        ("@recorded", engine.Instant(e.RecordedAt)),
    ];

    private (string, object?)[] CommandParameters(IdempotencyRecord command) =>
    [
        ("@id", command.CommandId), ("@type", command.CommandType), ("@hash", command.RequestHash), ("@result", command.Result),
        ("@natural", command.NaturalKey), ("@at", engine.Instant(time.GetUtcNow())),
    ];

    public async ValueTask DisposeAsync()
    {
        await insertEvent.DisposeAsync();
        await insertCommand.DisposeAsync();
        await streamVersion.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
