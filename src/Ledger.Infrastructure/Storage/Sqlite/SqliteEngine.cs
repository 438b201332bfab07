using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// SQLite: one file, one writer at a time, WAL so readers never wait for it. Instants are UTC ticks
/// (exact, and an integer SQLite can index and compare); ids are upper-case text as EF Core writes them.
/// </summary>
public sealed class SqliteEngine(IOptions<LedgerOptions> options) : SqlEngine
{
    private readonly string configuredPath = options.Value.DatabasePath;

    private readonly string synchronous = options.Value.SynchronousPragmaValue();

    /// <summary>TEMP tables live as long as the underlying handle: a pooled one would carry them to its next user.</summary>
    private readonly string unpooled = new SqliteConnectionStringBuilder(SqliteConnectionString(options.Value)) { Pooling = false }.ToString();

    /// <summary>
    /// Short reads have a pool of their own, read-only, so a handle set up for reading (<see cref="ReaderPragmas"/>)
    /// never serves a writer: with the memory map on its writing connections Ledger did about 40% fewer durable
    /// commands per second (benchmark M1, alternating runs).
    /// </summary>
    private readonly string reader = new SqliteConnectionStringBuilder(SqliteConnectionString(options.Value)) { Mode = SqliteOpenMode.ReadOnly }.ToString();

    /// <summary>
    /// The readers' physical connections whose <see cref="ReaderPragmas"/> have run. The pool hands a connection back
    /// with the same handle and the settings it had, so they run once per handle rather than on every short read.
    /// </summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> readersSetUp = [];

    public override string Provider => "sqlite";

    public override LedgerStatements Sql => SqliteStatements.All;

    public string DatabasePath { get; } = Path.GetFullPath(options.Value.DatabasePath);

    public string ConnectionString { get; } = SqliteConnectionString(options.Value);

    /// <summary>
    /// What every connection that may write runs after opening. WAL itself is persistent and set once at
    /// start. Pooled connections come back with whatever the last user set, so this runs on every open.
    /// </summary>
    public string Pragmas { get; } =
        $"PRAGMA synchronous = {options.Value.SynchronousPragmaValue()}; PRAGMA busy_timeout = {options.Value.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";

    /// <summary>
    /// What each reader's physical connection runs once: the memory map (<see cref="LedgerOptions.ReadMapMegabytes"/>),
    /// so that a read takes the pages the operating system caches in place.
    /// </summary>
    public string ReaderPragmas { get; } = $"PRAGMA mmap_size = {Math.Max(0, (long)options.Value.ReadMapMegabytes) * 1024 * 1024};";

    public override async Task<DbConnection> OpenAsync(ConnectionUse use, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(use switch
        {
            ConnectionUse.Shadow => unpooled,
            ConnectionUse.Read => reader,
            _ => ConnectionString,
        });
        try
        {
            await connection.OpenAsync(cancellationToken);
            // WAL readers never wait for the writer, so a short read skips the writer's pragmas: they cost more than the read.
            var pragmas = use switch
            {
                ConnectionUse.Append => Pragmas,
                // Read models and snapshots are rebuilt from durable events after a crash: skip the fsync.
                ConnectionUse.ReadModel or ConnectionUse.Shadow => Pragmas + " PRAGMA synchronous = NORMAL;",
                _ => null,
            };
            var firstRead = use == ConnectionUse.Read && connection.Handle is { } handle && !readersSetUp.TryGetValue(handle, out _);
            if (firstRead)
            {
                pragmas = ReaderPragmas;
            }

            if (pragmas is not null)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (firstRead)
            {
                readersSetUp.AddOrUpdate(connection.Handle!, ReaderPragmas);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// BEGIN IMMEDIATE: takes SQLite's write lock up front, so the transaction never has to upgrade a read
    /// lock later (the upgrade is what produces SQLITE_BUSY mid-transaction).
    /// </summary>
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <summary>DEFERRED: a read lock only when it reads, no write lock unless it writes the main database.</summary>
    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override object Instant(DateTimeOffset value) => value.UtcTicks;

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    /// <summary>EF Core's SQLite mapping stores Guids as upper-case text; reads and queries expect that form.</summary>
    public override object Id(Guid value) => value.ToString().ToUpperInvariant();

    public override StorageFailure Classify(Exception exception) => InChain<SqliteException>(exception) switch
    {
        { SqliteErrorCode: 19 } e when e.Message.Contains("events.stream_id", StringComparison.Ordinal) => StorageFailure.StreamVersionConflict,
        { } e when e.Message.Contains(SqliteStatements.GapRefusal, StringComparison.Ordinal) => StorageFailure.StreamVersionConflict,
        { SqliteErrorCode: 19 } e when e.Message.Contains("processed_commands.", StringComparison.Ordinal) => StorageFailure.DuplicateCommand,
        // SQLITE_BUSY and SQLITE_LOCKED: another connection kept the lock past the busy timeout.
        { SqliteErrorCode: 5 or 6 } => StorageFailure.Busy,
        _ => StorageFailure.Other,
    };

    public override async Task CreateShadowTablesAsync(DbConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            // The live table's own definition, made TEMP: same columns, same keys, so ON CONFLICT works the same.
            await using var definition = SqlCommands.Create(connection, null, "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = @table", "@table").Set("@table", table);
            var sql = (string)(await definition.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"No table '{table}'."));
            await using var create = SqlCommands.Create(connection, null, "CREATE TEMP TABLE" + sql["CREATE TABLE".Length..]);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override string CountShadowDifferences(string table) => $"""
        SELECT (SELECT COUNT(*) FROM (SELECT * FROM main."{table}" EXCEPT SELECT * FROM temp."{table}"))
             + (SELECT COUNT(*) FROM (SELECT * FROM temp."{table}" EXCEPT SELECT * FROM main."{table}"))
        """;

    public override string DropShadow(string table) => $"DROP TABLE IF EXISTS temp.\"{table}\";";

    public override string ReplaceWithShadow(string table) => $"""DELETE FROM main."{table}"; INSERT INTO main."{table}" SELECT * FROM temp."{table}";""";

    public override async Task PrepareDatabaseAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await db.Database.ExecuteSqlRawAsync(SqliteStatements.EnableWal, cancellationToken);
    }

    public override string Describe() => $"{DatabasePath} (sqlite, synchronous={synchronous})";

    private static string SqliteConnectionString(LedgerOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.DatabasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = Math.Max(1, options.BusyTimeoutMilliseconds / 1000),
    }.ToString();

    public override Task<StorageLocation> LocateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new StorageLocation(configuredPath, File.Exists(configuredPath) ? new FileInfo(configuredPath).Length : 0));
}
