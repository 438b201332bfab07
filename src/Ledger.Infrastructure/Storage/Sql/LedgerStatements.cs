namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The SQL the shared store, snapshot and projection code runs. What SQLite and PostgreSQL say alike
/// (standard SQL plus ON CONFLICT, RETURNING and LIMIT, which both speak) is written once, as the defaults
/// here; each engine's statement file sets only what it says its own way. Parameters
/// are named <c>@name</c>; each statement's parameter list is next to it, so a statement and its
/// parameters are read together.
/// </summary>
public sealed record LedgerStatements
{
    /// <summary>Inserts one event and returns its position; its recorded_at is the later of @recorded and the head event's, so it never decreases. @stream @version @id @type @schema @data @metadata @at @recorded.</summary>
    public required string InsertEvent { get; init; }

    /// <summary>
    /// Taken first in every append's transaction and held to its commit, where the engine needs it to make
    /// positions visible in order (PostgreSQL's advisory lock); null where one writer at a time is the engine's own rule.
    /// </summary>
    public string? AppendLock { get; init; }

    /// <summary>Records a command's answer. @id @type @hash @result @natural @at.</summary>
    public string InsertCommand { get; init; } = """
        INSERT INTO processed_commands (command_id, command_type, request_hash, result, natural_key, recorded_at)
        VALUES (@id, @type, @hash, @result, @natural, @at)
        """;

    /// <summary>The recorded answer held by a command id or a natural key. @id @natural.</summary>
    public required string FindCommand { get; init; }

    /// <summary>The highest version of a stream, NULL when it has none. @stream.</summary>
    public string StreamVersion { get; init; } = "SELECT MAX(stream_version) FROM events WHERE stream_id = @stream";

    /// <summary>event_type, schema_version, data of a stream from a version on, in order. @stream @from.</summary>
    public string ReadStreamData { get; init; } = "SELECT event_type, schema_version, data FROM events WHERE stream_id = @stream AND stream_version >= @from ORDER BY stream_version";

    /// <summary>Whole events after a position, in order (see <see cref="EventRows"/>). @after @limit.</summary>
    public string ReadEventsAfter { get; init; } = """
        SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at
        FROM events WHERE position > @after ORDER BY position LIMIT @limit
        """;

    /// <summary>event_type, schema_version, data of a stream's first event. @stream.</summary>
    public string ReadOpeningEvent { get; init; } = "SELECT event_type, schema_version, data FROM events WHERE stream_id = @stream AND stream_version = 1";

    /// <summary>schema_version, stream_version, state of a stream's snapshot. @stream.</summary>
    public string LoadSnapshot { get; init; } = "SELECT schema_version, stream_version, state FROM snapshots WHERE stream_id = @stream";

    /// <summary>Keeps the newer snapshot of a stream: an older state never replaces a newer one, another schema always does. @stream @version @schema @state @at.</summary>
    public string SaveSnapshot { get; init; } = """
        INSERT INTO snapshots (stream_id, stream_version, schema_version, state, created_at)
        VALUES (@stream, @version, @schema, @state, @at)
        ON CONFLICT (stream_id) DO UPDATE SET
            stream_version = excluded.stream_version, schema_version = excluded.schema_version,
            state = excluded.state, created_at = excluded.created_at
        WHERE excluded.stream_version > snapshots.stream_version OR snapshots.schema_version <> excluded.schema_version
        """;

    /// <summary>A projection's checkpoint. @name.</summary>
    public string ReadCheckpoint { get; init; } = "SELECT position FROM projection_checkpoints WHERE name = @name";

    /// <summary>Sets a projection's checkpoint. @name @position @at.</summary>
    public string WriteCheckpoint { get; init; } = """
        INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (@name, @position, @at)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;

    /// <summary>
    /// Moves a projection's checkpoint to @position after applying positions @from..@position, only if it is
    /// at or past @from - 1 and before @position (nothing before @from is missing); one row affected when
    /// it moved. A checkpoint not there yet counts as 0. @name @from @position @at.
    /// </summary>
    public string MoveCheckpoint { get; init; } = """
        INSERT INTO projection_checkpoints (name, position, updated_at)
        SELECT @name, @position, @at WHERE @from <= 1 OR EXISTS (SELECT 1 FROM projection_checkpoints WHERE name = @name)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        WHERE projection_checkpoints.position >= @from - 1 AND projection_checkpoints.position < excluded.position
        """;

    /// <summary>Inserts an opened account's balance row. @id @holder_id @holder_name @currency @amount @at @position.</summary>
    public string InsertBalance { get; init; } = """
        INSERT INTO account_balances (account_id, holder_id, holder_name, currency, balance_minor, status, version, opened_at, last_updated_at, last_position)
        VALUES (@id, @holder_id, @holder_name, @currency, @amount, 'Active', 1, @at, @at, @position)
        ON CONFLICT (account_id) DO NOTHING
        """;

    /// <summary>Applies a later event to a balance row, only on top of the version before it. @id @amount @status @version @at @position.</summary>
    public string UpdateBalance { get; init; } = """
        UPDATE account_balances
        SET balance_minor = balance_minor + @amount, status = @status, version = @version, last_updated_at = @at, last_position = @position
        WHERE account_id = @id AND version = @version - 1
        """;

    /// <summary>
    /// Inserts a statement line with the balance after it, only on top of the line before it (as the balance
    /// row's update), so that an event applied before its predecessor changes nothing. @id @version @position @type @currency @amount @status @description @reference @counterparty @at.
    /// The line before is looked up as "the last version below @version, if it is @version - 1" rather than
    /// "version = @version - 1": the same row, but only the primary key (account_id, version) can answer the
    /// range in order, so no planner can pick (account_id, occurred_at, version) instead and walk every line
    /// of the account. PostgreSQL did exactly that with a generic plan on a table not yet analyzed (a new
    /// database, a fresh copy): 0.35 ms a delivery on a 6,000-line account, growing with its length.
    /// </summary>
    public string InsertLedgerEntry { get; init; } = """
        INSERT INTO account_ledger (account_id, version, position, event_type, currency, amount_minor, balance_after_minor,
                                    status_after, description, reference, counterparty_account_id, occurred_at, recorded_at)
        SELECT @id, @version, @position, @type, @currency, @amount, COALESCE(before.balance, 0) + @amount,
               @status, @description, @reference, @counterparty, @at, (SELECT recorded_at FROM events WHERE position = @position)
        FROM (SELECT (SELECT balance_after_minor FROM account_ledger
                      WHERE account_id = @id AND version >= @version - 1 AND version < @version
                      ORDER BY version DESC LIMIT 1) AS balance) AS before
        WHERE @version = 1 OR before.balance IS NOT NULL
        ON CONFLICT (account_id, version) DO NOTHING
        """;

    /// <summary>
    /// The FROM clause of the as-of reads: every account's balance row <c>b</c> joined to <c>l</c>, its last
    /// statement line at or before @at among those recorded by @known (currency, balance_after_minor,
    /// status_after, version); accounts that did not exist yet are left out. Event time and commit time both
    /// grow with the version within an account, so that line's balance is the sum of exactly the events that
    /// count. The join differs per engine, each written so that its planner seeks once per account on
    /// (account_id, occurred_at, version).
    /// </summary>
    public required string AccountsAsOf { get; init; }

    /// <summary>The WHERE clause keeping the accounts whose id, holder or currency contain the searched text, in any case (@pattern from <see cref="SearchText"/>).</summary>
    public required string AccountsMatching { get; init; }

    /// <summary>currency, balance and number of accounts per currency, as of a moment, counting events recorded by @known. @at @known.</summary>
    public string BalancesAsOfTotals => $"""
        SELECT l.currency, CAST(SUM(l.balance_after_minor) AS BIGINT), COUNT(*) {AccountsAsOf}
        GROUP BY l.currency ORDER BY l.currency
        """;

    /// <summary>How many accounts existed at a moment and match the search (<see cref="AccountsMatching"/>). @at @known @pattern.</summary>
    public string BalancesAsOfCount => $"SELECT COUNT(*) {AccountsAsOf} {AccountsMatching}";

    /// <summary>
    /// One page of accounts as of a moment: account_id, holder_name, currency, balance then, status then,
    /// version then, balance now, version now. @at @known @take @skip, and @pattern when asked for the matching accounts only.
    /// </summary>
    public string BalancesAsOfPage(bool matching) => $"""
        SELECT b.account_id, b.holder_name, l.currency, l.balance_after_minor, l.status_after, l.version, b.balance_minor, b.version
        {AccountsAsOf}
        {(matching ? AccountsMatching : "")}
        ORDER BY b.account_id LIMIT @take OFFSET @skip
        """;

    /// <summary>Whole events of one stream from a position on, in order (see <see cref="EventRows"/>). @stream @from.</summary>
    public string ReadStreamEventsFrom { get; init; } = """
        SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at, recorded_at
        FROM events WHERE stream_id = @stream AND position >= @from ORDER BY position
        """;

    /// <summary>Holds a stream back from the read model, keeping the first record. @stream @position @type @schema @reason @at.</summary>
    public string QuarantineStream { get; init; } = """
        INSERT INTO quarantined_streams (stream_id, position, event_type, schema_version, reason, detected_at)
        VALUES (@stream, @position, @type, @schema, @reason, @at)
        ON CONFLICT (stream_id) DO NOTHING
        """;

    /// <summary>stream_id, position, event_type, schema_version of every held stream.</summary>
    public string ReadQuarantines { get; init; } = "SELECT stream_id, position, event_type, schema_version FROM quarantined_streams";

    /// <summary>Lets a stream back into the read model. @stream.</summary>
    public string ReleaseQuarantine { get; init; } = "DELETE FROM quarantined_streams WHERE stream_id = @stream";

    /// <summary>Events per UTC day by event time, newest day first: the day as a <see cref="DateOnly.DayNumber"/>, and the count. @limit days.</summary>
    public required string EventsPerDay { get; init; }

    /// <summary>Inserts an event at a position already given (a copy of another ledger). @position @stream @version @id @type @schema @data @metadata @at @recorded.</summary>
    public required string CopyEvent { get; init; }
}
