using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M4: the rows of one deposit command (its event and its processed-command record) appended through
/// the product's event store, against the same SQL through prepared ADO.NET statements on one open
/// connection; and, for reference, the same rows through EF Core's SaveChanges, which is how the store
/// appended until it was measured here. synchronous=OFF everywhere, so the fsync does not hide the CPU cost.
/// </summary>
public sealed class M4AppendOverhead() : Scenario("M4", "Event store append vs prepared ADO.NET (and EF Core SaveChanges)")
{
    private const string ResultJson = """{"accountId":"M4","version":1,"balance":1.25,"status":"Active","eventIds":[]}""";

    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var sizes = context.Sizes;
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "OFF", SqliteTestDatabase.At(context.DatabasePath("m4-ef")));
        var store = ledger.Get<IEventStore>();
        var efStream = new TargetStream("M4-EF");

        async Task EfAppendAsync()
        {
            var (data, commandId, metadata) = efStream.Next();
            var record = new IdempotencyRecord(commandId, "DepositMoneyCommand", Hash(commandId), ResultJson);
            await using var session = await store.BeginWritingAsync(CancellationToken.None);
            await session.AppendAsync(
                [new StreamAppend(efStream.Id, ExpectedVersion.Exactly(efStream.Version), [NewEvent.From(data)])],
                metadata,
                record,
                CancellationToken.None);
            efStream.Committed();
        }

        var saveChangesStream = new TargetStream("M4-SAVECHANGES");

        async Task SaveChangesAppendAsync()
        {
            // The previous append: the same two rows tracked and saved by EF Core in one BEGIN IMMEDIATE transaction.
            var (data, commandId, metadata) = saveChangesStream.Next();
            var type = EventTypeRegistry.For(data);
            await using var db = await ledger.DbAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Events.Add(new EventRecord
            {
                StreamId = saveChangesStream.Id,
                StreamVersion = saveChangesStream.Version + 1,
                EventId = Guid.CreateVersion7(),
                EventType = type.Name,
                SchemaVersion = type.SchemaVersion,
                Data = EventSerializer.Serialize(data),
                Metadata = EventSerializer.SerializeMetadata(metadata),
                OccurredAt = data.OccurredAt,
            });
            db.ProcessedCommands.Add(new ProcessedCommandRecord
            {
                CommandId = commandId,
                CommandType = "DepositMoneyCommand",
                RequestHash = Hash(commandId),
                Result = ResultJson,
                RecordedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            saveChangesStream.Committed();
        }

        var rawPath = context.DatabasePath("m4-raw");
        await RawSqlite.CreateSchemaAsync(rawPath);
        await using var raw = await RawSqlite.OpenAsync(rawPath, "OFF");
        await using var insertEvent = RawSqlite.Prepare(raw, RawSqlite.InsertEvent + " RETURNING position", RawSqlite.InsertEventParameters);
        await using var insertCommand = RawSqlite.Prepare(raw, """
            INSERT INTO processed_commands (command_id, command_type, request_hash, result, recorded_at)
            VALUES (@id, @type, @hash, @result, @at)
            """, "@id", "@type", "@hash", "@result", "@at");
        var rawStream = new TargetStream("M4-RAW");

        async Task RawAppendAsync()
        {
            // The same work the event store does besides EF itself: serialize payload and metadata, two INSERTs, one transaction.
            var (data, commandId, metadata) = rawStream.Next();
            var type = EventTypeRegistry.For(data);
            await using var transaction = raw.BeginTransaction(deferred: false);
            insertEvent.Transaction = transaction;
            insertCommand.Transaction = transaction;
            RawSqlite.BindEvent(insertEvent, new EventRow(
                rawStream.Id, rawStream.Version + 1, Guid.CreateVersion7().ToString().ToUpperInvariant(), type.Name, type.SchemaVersion,
                EventSerializer.Serialize(data), EventSerializer.SerializeMetadata(metadata), data.OccurredAt.UtcTicks));
            _ = await insertEvent.ExecuteScalarAsync();
            insertCommand.Parameters[0].Value = commandId;
            insertCommand.Parameters[1].Value = "DepositMoneyCommand";
            insertCommand.Parameters[2].Value = Hash(commandId);
            insertCommand.Parameters[3].Value = ResultJson;
            insertCommand.Parameters[4].Value = DateTimeOffset.UtcNow.UtcTicks;
            await insertCommand.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            rawStream.Committed();
        }

        await WarmUp.RunAsync(async () =>
        {
            await EfAppendAsync();
            await RawAppendAsync();
            await SaveChangesAppendAsync();
        }, 100, TimeSpan.FromSeconds(context.Quick ? 0.5 : 3));

        var efMedians = new List<double>();
        var rawMedians = new List<double>();
        var saveChangesMedians = new List<double>();
        var ef = new Latencies();
        var rawLatency = new Latencies();
        for (var rep = 0; rep < sizes.M4Repetitions; rep++)
        {
            var efRep = new Latencies();
            var rawRep = new Latencies();
            for (var i = 0; i < sizes.M4Appends; i++)
            {
                await rawRep.TimeAsync(RawAppendAsync);
            }

            for (var i = 0; i < sizes.M4Appends; i++)
            {
                await efRep.TimeAsync(EfAppendAsync);
            }

            var saveChangesRep = new Latencies();
            for (var i = 0; i < sizes.M4Appends; i++)
            {
                await saveChangesRep.TimeAsync(SaveChangesAppendAsync);
            }

            saveChangesMedians.Add(saveChangesRep.P50);

            efMedians.Add(efRep.P50);
            rawMedians.Add(rawRep.P50);
            ef.AddRange(efRep);
            rawLatency.AddRange(rawRep);
            RunContext.Progress($"M4 rep {rep + 1}: store {Format.Ms(efRep.P50)}, raw {Format.Ms(rawRep.P50)}, EF SaveChanges {Format.Ms(saveChangesRep.P50)} per append");
        }

        var efTime = Stats.Median(efMedians);
        var rawTime = Stats.Median(rawMedians);
        var ratio = efTime / rawTime;
        var saveChangesTime = Stats.Median(saveChangesMedians);
        var rows = new List<Row>
        {
            new("M4", "Event store append of one command's rows (a write session's AppendAsync; median per append; p95)",
                $"{Format.Ms(efTime)} ({Format.Rate(1000 / efTime, "cmd")}); p95 {Format.Ms(ef.P95)}",
                $"{Format.Ms(rawTime)} ({Format.Rate(1000 / rawTime, "cmd")}); p95 {Format.Ms(rawLatency.P95)} prepared ADO.NET",
                Format.Ratio(ratio), "≤ 1.5× raw time", Row.Check(ratio <= 1.5)),
            new("M4", "EF Core SaveChanges of the same rows (how the store appended before; median per append)",
                $"{Format.Ms(saveChangesTime)} ({Format.Rate(1000 / saveChangesTime, "cmd")})",
                $"{Format.Ms(rawTime)} prepared ADO.NET",
                Format.Ratio(saveChangesTime / rawTime), "report", Verdict.Report),
        };
        var setup = $"{sizes.M4Repetitions} reps × {sizes.M4Appends} appends each way (one MoneyDeposited event + one processed_commands row, "
            + "serialized the same way, one BEGIN IMMEDIATE transaction); synchronous=OFF; the store through a write session's AppendAsync, raw on one open connection, "
            + "EF Core SaveChanges on a pooled context.";
        return new Measurement(rows, setup, Readings.M4);
    }

    private static string Hash(string commandId) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(commandId)));

    /// <summary>The account one way of appending writes to: each command's event, id and metadata, and the version the stream is at.</summary>
    private sealed class TargetStream(string accountId)
    {
        public string Id { get; } = Account.StreamId(accountId);

        public long Version { get; private set; }

        /// <summary>The next command: an opening first, deposits after it.</summary>
        public (IAccountEvent Data, string CommandId, EventMetadata Metadata) Next()
        {
            IAccountEvent data = Version == 0
                ? new AccountOpened(accountId, "H-" + accountId, "Holder", "EUR", 0m, DateTimeOffset.UtcNow)
                : new MoneyDeposited(accountId, 1.25m, "M4-" + Version, "Deposit", DateTimeOffset.UtcNow);
            var commandId = Guid.CreateVersion7().ToString();
            return (data, commandId, new EventMetadata(commandId, commandId, "benchmark"));
        }

        /// <summary>The command's event is stored: the stream is one version on.</summary>
        public void Committed() => Version++;
    }
}
