namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// The SQLite provider's schema guards and the statements it says its own way; the rest of
/// <see cref="LedgerStatements"/> is the standard SQL both engines share.
/// </summary>
public static class SqliteStatements
{
    /// <summary>The message of the trigger that refuses a gap in a stream's versions.</summary>
    public const string GapRefusal = "stream version gap";

    /// <summary>
    /// The events table is append-only and streams have no gaps, enforced by the database itself so
    /// that no code path (nor a hand-written script) can break either property.
    /// </summary>
    public const string CreateEventGuards = $"""
        CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: update refused'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: delete refused'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_version_gap BEFORE INSERT ON events
        WHEN NEW.stream_version < 1 OR (NEW.stream_version > 1 AND NOT EXISTS (
            SELECT 1 FROM events WHERE stream_id = NEW.stream_id AND stream_version = NEW.stream_version - 1))
        BEGIN SELECT RAISE(ABORT, '{GapRefusal}'); END;
        """;

    public const string DropEventGuards = """
        DROP TRIGGER IF EXISTS events_no_update;
        DROP TRIGGER IF EXISTS events_no_delete;
        DROP TRIGGER IF EXISTS events_no_version_gap;
        """;

    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    public static LedgerStatements All { get; } = new()
    {
        InsertEvent = """
            INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at)
            VALUES (@stream, @version, @id, @type, @schema, @data, @metadata, @at,
                    MAX(@recorded, COALESCE((SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1), @recorded)))
            RETURNING position
            """,
        FindCommand = """
            SELECT command_id, command_type, request_hash, result, natural_key FROM processed_commands
            WHERE command_id = @id OR (@natural IS NOT NULL AND natural_key = @natural)
            ORDER BY command_id = @id DESC LIMIT 1
            """,
        // CROSS JOIN is SQLite's way to fix the join order: one seek per account. With a plain JOIN the planner
        // scanned every ledger row and ran the subquery for each (benchmark M6: 9.6 s instead of 0.3 s at 1M events).
        AccountsAsOf = """
            FROM account_balances AS b
            CROSS JOIN account_ledger AS l ON l.account_id = b.account_id AND l.version = (
                SELECT x.version FROM account_ledger AS x
                WHERE x.account_id = b.account_id AND x.occurred_at <= @at AND x.recorded_at <= @known
                ORDER BY x.occurred_at DESC, x.version DESC LIMIT 1)
            """,
        // GLOB, not LIKE: SQLite's LIKE ignores the case of ASCII letters only; the pattern spells out both cases (SearchText).
        AccountsMatching = """
            WHERE b.account_id GLOB @pattern OR b.holder_name GLOB @pattern OR l.currency GLOB @pattern
            """,
        // occurred_at holds UTC ticks, so integer division by ticks-per-day is the day number.
        EventsPerDay = $"SELECT occurred_at / {TimeSpan.TicksPerDay} AS day, COUNT(*) FROM events GROUP BY occurred_at / {TimeSpan.TicksPerDay} ORDER BY 1 DESC LIMIT @limit",
        CopyEvent = """
            INSERT INTO events (position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at)
            VALUES (@position, @stream, @version, @id, @type, @schema, @data, @metadata, @at, @recorded)
            """,
    };
}
