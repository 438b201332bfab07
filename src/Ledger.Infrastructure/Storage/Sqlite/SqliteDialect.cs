using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// Every piece of SQLite-specific SQL and error interpretation lives here, so a second provider
/// (PostgreSQL is planned) replaces one class instead of hunting through the code.
/// </summary>
public static class SqliteDialect
{
    /// <summary>
    /// The events table is append-only and streams have no gaps, enforced by the database itself so
    /// that no code path (nor a hand-written script) can break either property.
    /// </summary>
    public const string CreateEventGuards = """
        CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: update refused'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: delete refused'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_version_gap BEFORE INSERT ON events
        WHEN NEW.stream_version < 1 OR (NEW.stream_version > 1 AND NOT EXISTS (
            SELECT 1 FROM events WHERE stream_id = NEW.stream_id AND stream_version = NEW.stream_version - 1))
        BEGIN SELECT RAISE(ABORT, 'stream version gap'); END;
        """;

    public const string DropEventGuards = """
        DROP TRIGGER IF EXISTS events_no_update;
        DROP TRIGGER IF EXISTS events_no_delete;
        DROP TRIGGER IF EXISTS events_no_version_gap;
        """;

    public static string ConnectionString(string databasePath, int busyTimeoutMilliseconds) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000),
        }.ToString();

    /// <summary>Per-connection settings; WAL itself is persistent and set once at start.</summary>
    public static string ConnectionPragmas(string synchronous, int busyTimeoutMilliseconds) =>
        $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";

    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    /// <summary>Projection writes may skip the fsync: they are rebuilt from durable events after a crash.</summary>
    public const string RelaxedSync = "PRAGMA synchronous = NORMAL;";

    public static bool IsStreamVersionConflict(Exception exception) =>
        Find(exception) is { } e && (
            (e.SqliteErrorCode == 19 && e.Message.Contains("events.stream_id", StringComparison.Ordinal)) ||
            e.Message.Contains("stream version gap", StringComparison.Ordinal));

    public static bool IsDuplicateCommand(Exception exception) =>
        Find(exception) is { SqliteErrorCode: 19 } e && e.Message.Contains("processed_commands.command_id", StringComparison.Ordinal);

    public static bool IsDuplicateEventId(Exception exception) =>
        Find(exception) is { SqliteErrorCode: 19 } e && e.Message.Contains("events.event_id", StringComparison.Ordinal);

    private static SqliteException? Find(Exception? exception)
    {
        while (exception is not null)
        {
            if (exception is SqliteException sqlite)
            {
                return sqlite;
            }

            exception = exception.InnerException;
        }

        return null;
    }
}
