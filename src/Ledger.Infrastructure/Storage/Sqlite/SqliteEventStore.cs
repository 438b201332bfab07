using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// The event store on SQLite. Races are decided by the database: the unique (stream_id,
/// stream_version) index and the no-gap trigger refuse a stale append, never a prior read. EF Core
/// owns the schema and the less frequent reads; appends and the per-command reads are plain SQL.
/// </summary>
public sealed class SqliteEventStore(IDbContextFactory<LedgerDbContext> contexts, SqliteConnections connections, EventAppender appender) : IEventStore
{
    public Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return appender.AppendAsync(appends, metadata, command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion, long toVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.StreamId == streamId && e.StreamVersion >= fromVersion && e.StreamVersion <= toVersion)
            .OrderBy(e => e.StreamVersion)
            .ToListAsync(cancellationToken);
        return records.Select(ToStoredEvent).ToArray();
    }

    public async Task<IReadOnlyList<IAccountEvent>> ReadStreamDataAsync(string streamId, long fromVersion, CancellationToken cancellationToken)
    {
        // Every command loads its accounts through here: plain SQL, because EF Core's query pipeline
        // costs more than reading a snapshot's short tail (benchmarks M1 and M5).
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, schema_version, data FROM events WHERE stream_id = @stream AND stream_version >= @from ORDER BY stream_version";
        command.Parameters.AddWithValue("@stream", streamId);
        command.Parameters.AddWithValue("@from", fromVersion);
        var events = new List<IAccountEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(EventSerializer.Deserialize(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return events;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.Position > afterPosition)
            .OrderBy(e => e.Position)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return records.Select(ToStoredEvent).ToArray();
    }

    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(stream_version) FROM events WHERE stream_id = @stream";
        command.Parameters.AddWithValue("@stream", streamId);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    public async Task<long> HeadPositionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
    }

    public static StoredEvent ToStoredEvent(EventRecord r) => new(
        r.Position, r.StreamId, r.StreamVersion, r.EventId, r.EventType, r.SchemaVersion,
        EventSerializer.Deserialize(r.EventType, r.SchemaVersion, r.Data),
        EventSerializer.DeserializeMetadata(r.Metadata),
        r.OccurredAt);
}
