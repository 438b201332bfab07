using System.Data.Common;
using System.Reflection;
using Ledger.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Ledger.TestSupport;

/// <summary>
/// A throwaway database of one storage engine, and how each kind of host is pointed at it: in-process
/// options, configuration settings, or the app's command line. A database the test created is removed
/// with it; one it was handed (to play a second process or a restart) is left alone.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    /// <summary>The smallest step of time the engine stores: 100 ns on SQLite, 1 µs on PostgreSQL.</summary>
    public abstract TimeSpan InstantResolution { get; }

    /// <summary>Points in-process options at this database.</summary>
    public abstract void Configure(LedgerOptions options);

    /// <summary>The same as configuration keys (WebApplicationFactory settings, environment variables with __).</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The same as Ledger.Web's command-line options.</summary>
    public abstract IReadOnlyList<string> CommandLine { get; }

    /// <summary>The same database, not owned: disposing it leaves the data for the original owner.</summary>
    public abstract TestDatabase Borrow();

    /// <summary>SQL that makes every later insert into <paramref name="table"/> fail with <paramref name="message"/>: a broken disk, on demand.</summary>
    public abstract string RefuseInsertsSql(string table, string message);

    /// <summary>
    /// A plain connection of the engine's own ADO.NET provider, unpooled and opened: for checks that read
    /// the tables with SQL of their own, independent of the code under test.
    /// </summary>
    public abstract DbConnection OpenConnection();

    /// <summary>
    /// Plays another process that takes the ledger's write lock and keeps it until disposed (SQLite's
    /// BEGIN IMMEDIATE, PostgreSQL's append lock): the ledger's writers wait for it, up to their busy timeout.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = OpenConnection();
        try
        {
            return new HeldLock(connection, await BeginHoldingWriteLockAsync(connection));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transaction that holds the engine's write lock until it ends.</summary>
    protected abstract Task<DbTransaction> BeginHoldingWriteLockAsync(DbConnection connection);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// The engine a suite runs on when a test does not choose: <c>sqlite</c>, unless the test assembly names
    /// another with <see cref="TestEngineAttribute"/> (the PostgreSQL twin of a suite does).
    /// </summary>
    public static string DefaultProvider => DefaultEngine.Value;

    /// <summary>A new SQLite file in the temp folder; the prefix tells whose file it is if one is ever left behind.</summary>
    public static SqliteTestDatabase NewSqlite(string prefix = "ledger-test") => new(SqliteTestDatabase.NewPath(prefix), owned: true);

    /// <summary>A new database of the suite's engine (<see cref="DefaultProvider"/>), removed when disposed.</summary>
    public static async Task<TestDatabase> NewAsync(string prefix = "ledger-test") =>
        DefaultProvider == PostgresTestDatabase.ProviderName ? await PostgresTestDatabase.CreateAsync(prefix) : NewSqlite(prefix);

    /// <summary>Whether this assembly's ledgers run on <paramref name="provider"/> when a test does not choose.</summary>
    public static bool DefaultIs(string provider) => string.Equals(DefaultProvider, provider, StringComparison.Ordinal);

    private static readonly Lazy<string> DefaultEngine = new(() => AppDomain.CurrentDomain.GetAssemblies()
        .Select(a => a.GetCustomAttribute<TestEngineAttribute>()?.Provider)
        .FirstOrDefault(p => p is not null) ?? "sqlite");

    private sealed class HeldLock(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A SQLite file in the temp folder, with its WAL and shared-memory files.</summary>
public sealed class SqliteTestDatabase(string path, bool owned) : TestDatabase
{
    public string Path { get; } = path;

    public override string Provider => "sqlite";

    public override TimeSpan InstantResolution => TimeSpan.FromTicks(1);

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Ledger:DatabasePath"] = Path };

    public override IReadOnlyList<string> CommandLine => ["--db", Path];

    public static string NewPath(string prefix) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>An existing file (or one a child process will create), not owned.</summary>
    public static SqliteTestDatabase At(string path) => new(path, owned: false);

    public override void Configure(LedgerOptions options) => options.DatabasePath = Path;

    public override TestDatabase Borrow() => new SqliteTestDatabase(Path, owned: false);

    public override string RefuseInsertsSql(string table, string message) =>
        $"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;";

    /// <summary>Read-write without create (a read-only handle cannot open a WAL file whose -shm is gone), and unpooled.</summary>
    public override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>BEGIN IMMEDIATE: SQLite's one write lock, taken at once.</summary>
    protected override Task<DbTransaction> BeginHoldingWriteLockAsync(DbConnection connection) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override ValueTask DisposeAsync()
    {
        if (owned)
        {
            Delete(Path);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes a database file with its WAL and shared-memory files and the lock a running ledger holds beside it.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // A pooled handle may still be closing; the OS temp folder cleans up eventually.
            }
        }
    }
}
