using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Harness;

/// <summary>Plain Microsoft.Data.Sqlite on a file with Ledger's schema: the baselines' side.</summary>
public static class RawSqlite
{
    /// <summary>A fresh file with exactly Ledger's schema (migrations, indexes, triggers), then closed.</summary>
    public static async Task CreateSchemaAsync(string path)
    {
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "FULL", SqliteTestDatabase.At(path));
    }

    /// <summary>An open connection with the same per-connection pragmas Ledger sets (with <paramref name="reader"/>, those of its short reads too).</summary>
    public static async Task<SqliteConnection> OpenAsync(string path, string synchronous, int busyTimeoutMilliseconds = 30_000, bool reader = false)
    {
        var engine = new SqliteEngine(Microsoft.Extensions.Options.Options.Create(new LedgerOptions
        {
            DatabasePath = path,
            Synchronous = synchronous,
            BusyTimeoutMilliseconds = busyTimeoutMilliseconds,
        }));
        var connection = new SqliteConnection(engine.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, SqliteStatements.EnableWal);
        await ExecuteAsync(connection, engine.Pragmas);
        if (reader)
        {
            await ExecuteAsync(connection, engine.ReaderPragmas);
        }

        return connection;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A prepared statement with named parameters, reused for every row.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public const string InsertEvent = """
        INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at)
        VALUES (@stream, @version, @id, @type, @schema, @data, @metadata, @at)
        """;

    public static readonly string[] InsertEventParameters = ["@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at"];

    public static void BindEvent(SqliteCommand command, EventRow row)
    {
        command.Parameters[0].Value = row.StreamId;
        command.Parameters[1].Value = row.StreamVersion;
        command.Parameters[2].Value = row.EventId;
        command.Parameters[3].Value = row.EventType;
        command.Parameters[4].Value = row.SchemaVersion;
        command.Parameters[5].Value = row.Data;
        command.Parameters[6].Value = row.Metadata;
        command.Parameters[7].Value = row.OccurredAtTicks;
    }
}

/// <summary>An events-table row exactly as Ledger stores it (EF Core keeps Guids as upper-case text).</summary>
public sealed record EventRow(string StreamId, long StreamVersion, string EventId, string EventType, int SchemaVersion, string Data, string Metadata, long OccurredAtTicks);
