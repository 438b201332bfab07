using Ledger.Infrastructure.Storage.Postgres;
using Npgsql;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// Plain Npgsql on a database with Ledger's schema: the PostgreSQL baselines' side. Same driver, same
/// auto-prepare and the same durability (synchronous_commit=on) as the product's append connection.
/// </summary>
public static class RawPostgres
{
    /// <summary>An open connection that flushes every commit, with Npgsql's auto-prepare as Ledger sets it.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, string synchronousCommit = "on")
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
            Options = $"-c synchronous_commit={synchronousCommit}",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ledger's own INSERT of one event (position from the table's default, JSON cast to jsonb).</summary>
    public static NpgsqlCommand InsertEvent(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(PostgresStatements.All.InsertEvent, connection);
        foreach (var name in RawSqlite.InsertEventParameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>The row as the PostgreSQL schema holds it: uuid ids and timestamptz instants.</summary>
    public static void BindEvent(NpgsqlCommand command, EventRow row)
    {
        command.Parameters[0].Value = row.StreamId;
        command.Parameters[1].Value = row.StreamVersion;
        command.Parameters[2].Value = Guid.Parse(row.EventId);
        command.Parameters[3].Value = row.EventType;
        command.Parameters[4].Value = row.SchemaVersion;
        command.Parameters[5].Value = row.Data;
        command.Parameters[6].Value = row.Metadata;
        command.Parameters[7].Value = new DateTimeOffset(row.OccurredAtTicks, TimeSpan.Zero);
    }
}
