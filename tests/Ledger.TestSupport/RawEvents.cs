using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.TestSupport;

/// <summary>Event rows written with plain SQL through a ledger's own engine, on either storage engine.</summary>
public static class RawEvents
{
    private const string RawMetadata = "{\"correlationId\":\"raw\",\"causationId\":\"raw-insert\",\"actor\":\"raw\"}";

    /// <summary>
    /// Inserts one event row of an account with plain SQL, as another program (or a newer Ledger) might:
    /// any type, any schema version, any payload. Returns its position.
    /// </summary>
    public static Task<long> InsertAsync(IServiceProvider services, string accountId, long version, string type, int schemaVersion, string data, DateTimeOffset? occurredAt = null) =>
        InsertRowAsync(services, Account.StreamId(accountId), version, Guid.NewGuid(), type, schemaVersion, data, RawMetadata, occurredAt ?? DateTimeOffset.UtcNow);

    /// <summary>Inserts one row exactly as given, in the engine's own SQL (its position comes from the engine). Returns the position.</summary>
    public static async Task<long> InsertRowAsync(
        IServiceProvider services, string streamId, long version, Guid eventId, string type, int schemaVersion, string data, string metadata, DateTimeOffset occurredAt) =>
        (await InsertRowsAsync(services, [new Row(streamId, version, eventId, type, schemaVersion, data, metadata, occurredAt)]))[0];

    /// <summary>Inserts rows exactly as given, in order, in one transaction (a copy of another ledger's events). Returns their positions.</summary>
    public static async Task<IReadOnlyList<long>> InsertRowsAsync(IServiceProvider services, IEnumerable<Row> rows)
    {
        var engine = services.GetRequiredService<SqlEngine>();
        await using var connection = await engine.OpenAsync(ConnectionUse.Append, CancellationToken.None);
        await using var transaction = engine.BeginWrite(connection);
        await engine.BeforeAppendAsync(connection, transaction, CancellationToken.None);
        var positions = new List<long>();
        foreach (var row in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = engine.Sql.InsertEvent;
            foreach (var (name, value) in new (string, object)[]
            {
                ("@stream", row.StreamId), ("@version", row.Version), ("@id", engine.Id(row.EventId)), ("@type", row.Type),
                ("@schema", row.SchemaVersion), ("@data", row.Data), ("@metadata", row.Metadata), ("@at", engine.Instant(row.OccurredAt)),
                ("@recorded", engine.Instant(row.RecordedAt ?? row.OccurredAt)),
            })
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                insert.Parameters.Add(parameter);
            }

            positions.Add(Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        await transaction.CommitAsync();
        return positions;
    }

    /// <summary>One stored event as its columns hold it (data and metadata as JSON text).</summary>
    public sealed record Row(string StreamId, long Version, Guid EventId, string Type, int SchemaVersion, string Data, string Metadata, DateTimeOffset OccurredAt, DateTimeOffset? RecordedAt = null);
}
