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
        IServiceProvider services, string streamId, long version, Guid eventId, string type, int schemaVersion, string data, string metadata, DateTimeOffset occurredAt)
    {
        var engine = services.GetRequiredService<SqlEngine>();
        await using var connection = await engine.OpenAsync(ConnectionUse.Append, CancellationToken.None);
        await using var transaction = engine.BeginWrite(connection);
        await engine.BeforeAppendAsync(connection, transaction, CancellationToken.None);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = engine.Sql.InsertEvent;
        foreach (var (name, value) in new (string, object)[]
        {
            ("@stream", streamId), ("@version", version), ("@id", engine.Id(eventId)), ("@type", type),
            ("@schema", schemaVersion), ("@data", data), ("@metadata", metadata), ("@at", engine.Instant(occurredAt)),
        })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            insert.Parameters.Add(parameter);
        }

        var position = Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync();
        return position;
    }
}
