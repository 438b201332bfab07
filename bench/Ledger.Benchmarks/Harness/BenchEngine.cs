using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// The storage engine a scenario runs on. The same scenario code measures both; what differs is where its
/// databases live and what the raw baseline is written with (Microsoft.Data.Sqlite or Npgsql).
/// </summary>
public sealed class BenchEngine
{
    private BenchEngine(string name, string suffix)
    {
        Name = name;
        Suffix = suffix;
    }

    public static BenchEngine Sqlite { get; } = new("SQLite", "");

    public static BenchEngine Postgres { get; } = new("PostgreSQL", "-pg");

    public string Name { get; }

    /// <summary>Appended to a scenario's id: "M1" on SQLite, "M1-pg" on PostgreSQL.</summary>
    public string Suffix { get; }

    public bool IsPostgres => this == Postgres;

    public string Id(string scenario) => scenario + Suffix;

    /// <summary>"" on SQLite (its rows read as before), "PostgreSQL: " on PostgreSQL.</summary>
    public string Prefix => IsPostgres ? "PostgreSQL: " : "";

    /// <summary>A scenario's title on this engine: as given on SQLite, marked on PostgreSQL.</summary>
    public string Title(string title) => IsPostgres ? title + ", on PostgreSQL" : title;

    /// <summary>A database for a ledger: a file in the run's folder, or a new database on the run's server (dropped with the ledger).</summary>
    public async Task<TestDatabase> NewDatabaseAsync(RunContext context, string name) =>
        IsPostgres ? await PostgresServer.CreateDatabaseAsync("bench_" + name) : SqliteTestDatabase.At(context.DatabasePath(name));

    /// <summary>
    /// A raw connection to the shared large database (SQLite: synchronous=NORMAL, as the read model writes; PostgreSQL:
    /// synchronous_commit=off, likewise). With <paramref name="reader"/>, the settings Ledger gives its short reads too
    /// (SQLite: the memory map).
    /// </summary>
    public async Task<System.Data.Common.DbConnection> OpenRawAsync(BigLedger big, bool reader = false) =>
        IsPostgres ? await RawPostgres.OpenAsync(big.ConnectionString, "off") : await RawSqlite.OpenAsync(big.DatabasePath, "NORMAL", reader: reader);

    /// <summary>A statement kept and run many times on a raw connection: prepared on SQLite, auto-prepared by Npgsql on its second run.</summary>
    public static System.Data.Common.DbCommand Prepare(System.Data.Common.DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        if (connection is SqliteConnection)
        {
            command.Prepare();
        }

        return command;
    }

    /// <summary>A database with exactly Ledger's schema for the raw side, and single-row INSERT transactions on it.</summary>
    public async Task<IRawInserts> RawInsertsAsync(RunContext context, string name)
    {
        if (!IsPostgres)
        {
            var path = context.DatabasePath(name);
            await RawSqlite.CreateSchemaAsync(path);
            return new SqliteInserts(await RawSqlite.OpenAsync(path, "FULL"));
        }

        var database = await PostgresServer.CreateDatabaseAsync("bench_" + name);
        await using (await TestLedger.StartAsync(database: database.Borrow()))
        {
            // Migrated: the same tables, indexes, triggers and position default as the ledger's.
        }

        return new PostgresInserts(database, database.ConnectionString, await RawPostgres.OpenAsync(database.ConnectionString));
    }

    private sealed class SqliteInserts(SqliteConnection connection) : IRawInserts
    {
        private readonly SqliteCommand insert = RawSqlite.Prepare(connection, RawSqlite.InsertEvent, RawSqlite.InsertEventParameters);

        public async Task InsertAsync(EventRow row)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            RawSqlite.BindEvent(insert, row);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        public async Task<IRawInserts> AnotherConnectionAsync() =>
            new SqliteInserts(await RawSqlite.OpenAsync(connection.DataSource, "FULL"));

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private sealed class PostgresInserts(PostgresTestDatabase? owned, string connectionString, NpgsqlConnection connection) : IRawInserts
    {
        private readonly NpgsqlCommand insert = RawPostgres.InsertEvent(connection);

        public async Task InsertAsync(EventRow row)
        {
            // BEGIN goes out with the INSERT, COMMIT on its own: two round trips, the second one flushed to disk.
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            RawPostgres.BindEvent(insert, row);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        public async Task<IRawInserts> AnotherConnectionAsync() =>
            new PostgresInserts(null, connectionString, await RawPostgres.OpenAsync(connectionString));

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await connection.DisposeAsync();
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}

/// <summary>The raw baseline of M1 and M2: one event row per transaction, committed durably.</summary>
public interface IRawInserts : IAsyncDisposable
{
    Task InsertAsync(EventRow row);

    /// <summary>A second connection to the same database, for concurrent raw clients (M2).</summary>
    Task<IRawInserts> AnotherConnectionAsync();
}
