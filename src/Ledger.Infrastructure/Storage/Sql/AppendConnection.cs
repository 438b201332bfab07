namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The append connection and its prepared statements, created together and dropped together. An append
/// is one transaction: the engine's append lock if it has one, the events, the command's record, the
/// commit. Where the driver can batch (Npgsql) and every expected version is known, those go to the
/// server as one batch without a BEGIN, which the server runs as one implicit transaction: one round trip
/// with the commit's flush, and a statement that fails rolls the whole batch back. Elsewhere (SQLite, in
/// process) they run one after the other in an explicit transaction, as prepared statements.
/// Between <see cref="BeginBatchAsync"/> and <see cref="CommitBatchAsync"/> appends share one transaction
/// (group commit): each runs between <c>SAVEPOINT append</c> and <c>RELEASE SAVEPOINT append</c>, on a
/// server in the same round trip as its inserts, so a refused one is undone alone (<see cref="UndoAppendAsync"/>).
/// Where the driver batches, a batch's appends may also be held back and sent together
/// (<see cref="QueuedAppends"/>): then a batch of any size costs three round trips (its lock, its appends, its COMMIT).
/// </summary>
internal sealed partial class AppendConnection : IAsyncDisposable
{
    /// <summary>One name serves every append of a batch: each is released or rolled back before the next begins.</summary>
    private const string Savepoint = "append";

    private readonly SqlEngine engine;
    private readonly TimeProvider time;
    private readonly DbCommand insertEvent;
    private readonly DbCommand insertCommand;
    private readonly DbCommand streamVersion;

    /// <summary>
    /// The savepoint around each append of a batch run statement by statement (SQLite's every append; a server's only
    /// when an expected version is unknown): on SQLite prepared once, where built afresh per append they were parsed and
    /// compiled every time (about 4 µs of each command's write turn); Npgsql prepares them on reuse.
    /// </summary>
    private readonly DbCommand savepoint;
    private readonly DbCommand release;

    /// <summary>Appends held back in a batch; null where the driver cannot batch (SQLite, in process, where a round trip costs nothing).</summary>
    private readonly QueuedAppends? queued;
    private DbTransaction? batch;

    private AppendConnection(SqlEngine engine, DbConnection connection, TimeProvider time)
    {
        this.engine = engine;
        this.time = time;
        Connection = connection;
        var sql = engine.Sql;
        insertEvent = engine.Prepare(connection, null, sql.InsertEvent, "@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at", "@recorded");
        insertCommand = engine.Prepare(connection, null, sql.InsertCommand, "@id", "@type", "@hash", "@result", "@natural", "@at");
        streamVersion = engine.Prepare(connection, null, sql.StreamVersion, "@stream");
        savepoint = engine.Prepare(connection, null, "SAVEPOINT " + Savepoint);
        release = engine.Prepare(connection, null, "RELEASE SAVEPOINT " + Savepoint);
        queued = connection.CanCreateBatch ? new QueuedAppends() : null;
    }

    public DbConnection Connection { get; }

    /// <summary>True between <see cref="BeginBatchAsync"/> and the batch's commit or abort.</summary>
    public bool InBatch => batch is not null;

    /// <summary>Appends held back in the batch, not sent yet.</summary>
    public int Queued => queued?.Count ?? 0;

    /// <summary>After a failed <see cref="SendQueuedAsync"/>: the index of the append that failed (undo it alone), or null (the batch is lost).</summary>
    public int? FailedQueuedIndex => queued?.FailedIndex;

    public static async Task<AppendConnection> OpenAsync(SqlEngine engine, TimeProvider time, CancellationToken cancellationToken) =>
        new(engine, await engine.OpenAsync(ConnectionUse.Append, cancellationToken), time);

    /// <summary>Appends now, or, with <paramref name="hold"/> inside a batch where the driver batches, holds the append back for <see cref="SendQueuedAsync"/>.</summary>
    public Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, bool hold, CancellationToken cancellationToken)
    {
        var expectedKnown = appends.All(a => !a.Expected.IsAny);
        if (hold && expectedKnown && queued is not null && batch is not null)
        {
            return Task.FromResult(Hold(queued, appends, metadata, command));
        }

        if (Queued > 0)
        {
            throw new InvalidOperationException("Appends held back must be sent before one runs at once: positions follow the order of appends.");
        }

        return Connection.CanCreateBatch && expectedKnown
            ? InOneBatchAsync(appends, metadata, command, cancellationToken)
            : StatementByStatementAsync(appends, metadata, command, cancellationToken);
    }

    /// <summary>The stream's current version, read in the batch if one is open, else outside any transaction (after a failed append).</summary>
    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        streamVersion.Transaction = batch;
        return await streamVersion.Set("@stream", streamId).ScalarInt64Async(cancellationToken) ?? 0;
    }

    private async Task<IReadOnlyList<StoredEvent>> InOneBatchAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        var stored = Planned(appends, metadata, LedgerClock.CommitTime(time));
        await using var statements = Connection.CreateBatch();
        statements.Transaction = batch;
        // In a batch the append lock was taken when it began; alone, the append takes it as its first statement.
        var appendLock = batch is null ? engine.Sql.AppendLock : null;
        if (appendLock is not null)
        {
            statements.Add(appendLock);
        }

        if (batch is not null)
        {
            statements.Add("SAVEPOINT " + Savepoint);
        }

        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        foreach (var e in stored)
        {
            statements.Add(engine.Sql.InsertEvent, EventParameters(e, metadataJson));
        }

        if (command is not null)
        {
            statements.Add(engine.Sql.InsertCommand, CommandParameters(command));
        }

        if (batch is not null)
        {
            statements.Add("RELEASE SAVEPOINT " + Savepoint);
        }

        await using var reader = await statements.ExecuteReaderAsync(cancellationToken);
        if (appendLock is not null)
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

        if (queued is not null && batch is not null && positions.Length > 0)
        {
            // Appends held back later in this batch continue from here.
            queued.NextPosition = positions[^1] + 1;
        }

        return stored.Select((e, i) => e with { Position = positions[i] }).ToArray();
    }

    private async Task<IReadOnlyList<StoredEvent>> StatementByStatementAsync(
        IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        if (batch is not null)
        {
            savepoint.Transaction = release.Transaction = batch;
            await savepoint.ExecuteNonQueryAsync(cancellationToken);
            var inBatch = await StatementsAsync(batch, appends, metadata, command, cancellationToken);
            await release.ExecuteNonQueryAsync(cancellationToken);
            return inBatch;
        }

        await using var transaction = engine.BeginWrite(Connection);
        await engine.BeforeAppendAsync(Connection, transaction, cancellationToken);
        var stored = await StatementsAsync(transaction, appends, metadata, command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    private async Task<IReadOnlyList<StoredEvent>> StatementsAsync(
        DbTransaction transaction, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        insertEvent.Transaction = insertCommand.Transaction = streamVersion.Transaction = transaction;
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
        ("@natural", SqlCommands.Text(command.NaturalKey)), ("@at", engine.Instant(LedgerClock.CommitTime(time))),
    ];

    public async ValueTask DisposeAsync()
    {
        await AbortBatchAsync();
        await insertEvent.DisposeAsync();
        await insertCommand.DisposeAsync();
        await streamVersion.DisposeAsync();
        await savepoint.DisposeAsync();
        await release.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
