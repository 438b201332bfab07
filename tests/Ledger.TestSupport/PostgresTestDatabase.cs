using System.Data.Common;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage.Postgres;
using Npgsql;
using Xunit;

namespace Ledger.TestSupport;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>LEDGER_TEST_POSTGRES</c>, dropped when
/// disposed by its owner. Without that variable the test is skipped, saying how to get a server; on CI
/// (<c>CI=true</c>) it fails instead, so a missing server can never pass unnoticed.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ProviderName = "postgres";

    public const string ServerVariable = "LEDGER_TEST_POSTGRES";

    private readonly bool owned;

    /// <summary>The server's own connection string, used to drop the database; null for the shared test server.</summary>
    private readonly string? server;

    private PostgresTestDatabase(string connectionString, bool owned, string? server = null)
    {
        ConnectionString = connectionString;
        Name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        this.owned = owned;
        this.server = server;
    }

    /// <summary>An Npgsql connection string to this database.</summary>
    public string ConnectionString { get; }

    public string Name { get; }

    public override string Provider => ProviderName;

    public override TimeSpan InstantResolution => TimeSpan.FromMicroseconds(1);

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Ledger:Provider"] = ProviderName,
        ["ConnectionStrings:Ledger"] = ConnectionString,
    };

    public override IReadOnlyList<string> CommandLine => ["--postgres", ConnectionString];

    public static string HowToEnable =>
        $"PostgreSQL tests need a server: run `export {ServerVariable}=\"$(scripts/test-postgres.sh start)\"` in the repository " +
        $"(or set {ServerVariable} to an Npgsql connection string of a role that may CREATE DATABASE), then run the tests again.";

    /// <summary>Whether <c>LEDGER_TEST_POSTGRES</c> names a server.</summary>
    public static bool ServerConfigured => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 };

    /// <summary>On CI (<c>CI=true</c>) a missing server is a failure, not a skip.</summary>
    public static bool OnCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The server's connection string; skips the test (fails it on CI) when there is none.</summary>
    public static string ServerConnectionString()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server)
        {
            return server;
        }

        if (OnCi)
        {
            throw new InvalidOperationException($"{ServerVariable} is not set, and on CI a missing PostgreSQL server is a failure. {HowToEnable}");
        }

        throw new SkipException(HowToEnable);
    }

    /// <summary>
    /// A new, empty database on the shared test server, or on <paramref name="server"/> (a connection string
    /// to another one, such as a server a fault test starts and stops itself); the prefix tells whose it is
    /// if one is ever left behind.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string prefix = "ledger-test", string? server = null)
    {
        var on = server ?? ServerConnectionString();
        var name = $"{prefix.Replace('-', '_').ToLowerInvariant()}_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync(on, $"CREATE DATABASE \"{name}\"");
        var builder = new NpgsqlConnectionStringBuilder(on) { Database = name };
        return new PostgresTestDatabase(builder.ConnectionString, owned: true, server);
    }

    public override void Configure(LedgerOptions options)
    {
        options.Provider = ProviderName;
        options.ConnectionString = ConnectionString;
    }

    public override TestDatabase Borrow() => new PostgresTestDatabase(ConnectionString, owned: false, server);

    public override string RefuseInsertsSql(string table, string message) => $"""
        CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$;
        CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_{table}();
        """;

    public override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The advisory lock every append takes before its first position (see PostgresStatements).</summary>
    protected override async Task<DbTransaction> BeginHoldingWriteLockAsync(DbConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand(PostgresStatements.TakeAppendLock, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        await take.ExecuteNonQueryAsync();
        return transaction;
    }

    public override async ValueTask DisposeAsync()
    {
        if (owned)
        {
            // FORCE: a borrowed ledger or a child process may still hold a connection. FORCE cannot end a
            // backend of another role, such as an autovacuum worker that happens to be in this database:
            // that one ends on its own within moments, so try again a few times.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteOnServerAsync(server ?? ServerConnectionString(), $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 40)
                {
                    await Task.Delay(250);
                }
            }
        }
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
