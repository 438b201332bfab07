namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>The one place a row of <c>events</c> becomes a <see cref="StoredEvent"/> (see <see cref="LedgerStatements.ReadEventsAfter"/>).</summary>
public static class EventRows
{
    public static async Task<List<StoredEvent>> ReadAfterAsync(
        SqlEngine engine, DbConnection connection, DbTransaction? transaction, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(connection, transaction, engine.Sql.ReadEventsAfter, "@after", "@limit")
            .Set("@after", afterPosition)
            .Set("@limit", limit);
        var events = new List<StoredEvent>(Math.Min(limit, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(engine, reader));
        }

        return events;
    }

    /// <summary>
    /// Columns: position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata,
    /// occurred_at, recorded_at. An event this build cannot read comes back as an <see cref="UnreadableEvent"/>, so a
    /// reader can pass over it and go on.
    /// </summary>
    public static StoredEvent Read(SqlEngine engine, DbDataReader reader)
    {
        var streamId = reader.GetString(1);
        var type = reader.GetString(4);
        var schema = reader.GetInt32(5);
        var occurredAt = engine.ReadInstant(reader, 8);
        return new StoredEvent(
            reader.GetInt64(0),
            streamId,
            reader.GetInt64(2),
            reader.GetGuid(3),
            type,
            schema,
            EventSerializer.DeserializeOrPlaceholder(streamId, type, schema, reader.GetString(6), occurredAt),
            EventSerializer.DeserializeMetadata(reader.GetString(7)),
            occurredAt)
        {
            RecordedAt = engine.ReadInstant(reader, 9),
        };
    }

    /// <summary>Columns: event_type, schema_version, data. Only what a fold needs; throws <see cref="UnreadableEventException"/>.</summary>
    public static IAccountEvent ReadPayload(DbDataReader reader) =>
        EventSerializer.Deserialize(reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
}
