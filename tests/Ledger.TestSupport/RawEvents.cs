using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.TestSupport;

/// <summary>Event rows written with plain SQL through a ledger's own engine, on either storage engine.</summary>
public static class RawEvents
{
    /// <summary>
    /// Inserts one event row with plain SQL, as another program (or a newer Ledger) might: any type, any
    /// schema version, any payload. Returns its position.
    /// </summary>
    public static async Task<long> InsertAsync(IServiceProvider services, string accountId, long version, string type, int schemaVersion, string data, DateTimeOffset? occurredAt = null)
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
            ("@stream", Account.StreamId(accountId)), ("@version", version), ("@id", engine.Id(Guid.NewGuid())), ("@type", type),
            ("@schema", schemaVersion), ("@data", data), ("@metadata", "{\"correlationId\":\"raw\",\"causationId\":\"raw-insert\",\"actor\":\"raw\"}"),
            ("@at", engine.Instant(occurredAt ?? DateTimeOffset.UtcNow)),
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
