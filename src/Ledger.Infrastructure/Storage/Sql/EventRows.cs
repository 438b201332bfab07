using System.Data.Common;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>Reads committed events on a projection's own connection and transaction.</summary>
internal static class EventRows
{
    public static async Task<List<StoredEvent>> ReadAfterAsync(DbConnection connection, DbTransaction transaction, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Prepare(connection, transaction, """
            SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at
            FROM events WHERE position > @after ORDER BY position LIMIT @limit
            """, "@after", "@limit");
        command.Set("@after", afterPosition);
        command.Set("@limit", limit);
        var events = new List<StoredEvent>(Math.Min(limit, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(4);
            var schema = reader.GetInt32(5);
            events.Add(new StoredEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetGuid(3),
                type,
                schema,
                EventSerializer.Deserialize(type, schema, reader.GetString(6)),
                EventSerializer.DeserializeMetadata(reader.GetString(7)),
                new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero)));
        }

        return events;
    }
}
