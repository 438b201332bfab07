namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The event store on any <see cref="SqlEngine"/>. Races are decided by the database: the unique
/// (stream_id, stream_version) index (and, on SQLite, a no-gap trigger) refuses a stale append, never
/// a prior read. Reads use short pooled connections; appends go through the one <see cref="EventAppender"/>.
/// </summary>
public sealed class SqlEventStore(SqlEngine engine, EventAppender appender) : IEventStore
{
    public Task<IEventStoreSession> BeginWritingAsync(CancellationToken cancellationToken) =>
        appender.BeginAsync(cancellationToken);

    public async Task<IReadOnlyList<IAccountEvent>> ReadStreamAsync(string streamId, long fromVersion, CancellationToken cancellationToken)
    {
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        await using var command = SqlCommands.Create(connection, null, engine.Sql.ReadStreamData, "@stream", "@from")
            .Set("@stream", streamId)
            .Set("@from", fromVersion);
        var events = new List<IAccountEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(EventRows.ReadPayload(reader));
        }

        return events;
    }

    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        await using var command = SqlCommands.Create(connection, null, engine.Sql.StreamVersion, "@stream").Set("@stream", streamId);
        return await command.ScalarInt64Async(cancellationToken) ?? 0;
    }

    public async Task<IdempotencyRecord?> FindCommandAsync(string commandId, string? naturalKey, CancellationToken cancellationToken)
    {
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        await using var command = SqlCommands.Create(connection, null, engine.Sql.FindCommand, "@id", "@natural")
            .Set("@id", commandId)
            .SetText("@natural", naturalKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IdempotencyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }
}
