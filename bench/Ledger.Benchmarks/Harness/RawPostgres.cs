using Ledger.Infrastructure.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

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
        // Ledger's statement also takes the commit time (recorded_at), which it never lets decrease.
        foreach (var name in RawSqlite.InsertEventParameters.Append("@recorded"))
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
        command.Parameters[8].Value = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// <see cref="Seeder"/>'s histories into a database with Ledger's schema, by binary COPY in one
    /// transaction: the same rows, positions given in order (the seeder's), every trigger still checking them.
    /// </summary>
    public static async Task<SeedResult> SeedAsync(string connectionString, IReadOnlyList<SeedAccount> accounts)
    {
        await using var connection = await OpenAsync(connectionString, "off");
        await using var head = new NpgsqlCommand("SELECT COALESCE(MAX(position), 0) FROM events", connection);
        var startPosition = (long)(await head.ExecuteScalarAsync())!;
        await using var transaction = await connection.BeginTransactionAsync();
        SeedResult result;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY events (position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at) FROM STDIN (FORMAT BINARY)"))
        {
            result = await Seeder.SeedAsync(accounts, Seeder.DefaultSeed, startPosition, async (position, row) =>
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(position, NpgsqlDbType.Bigint);
                await copy.WriteAsync(row.StreamId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.StreamVersion, NpgsqlDbType.Bigint);
                await copy.WriteAsync(Guid.Parse(row.EventId), NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.EventType, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.SchemaVersion, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Data, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(row.Metadata, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(new DateTimeOffset(row.OccurredAtTicks, TimeSpan.Zero), NpgsqlDbType.TimestampTz);
            });
            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        // Fresh statistics, as autovacuum would gather them on a table that grew this much.
        await ExecuteAsync(connection, "ANALYZE");
        return result;
    }
}
