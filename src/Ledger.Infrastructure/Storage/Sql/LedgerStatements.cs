namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The SQL the shared store, snapshot and projection code runs, written once per engine. Parameters
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
    public required string InsertCommand { get; init; }

    /// <summary>The recorded answer held by a command id or a natural key. @id @natural.</summary>
    public required string FindCommand { get; init; }

    /// <summary>The highest version of a stream, NULL when it has none. @stream.</summary>
    public required string StreamVersion { get; init; }

    /// <summary>event_type, schema_version, data of a stream from a version on, in order. @stream @from.</summary>
    public required string ReadStreamData { get; init; }

    /// <summary>Whole events after a position, in order (see <see cref="EventRows"/>). @after @limit.</summary>
    public required string ReadEventsAfter { get; init; }

    /// <summary>event_type, schema_version, data of a stream's first event. @stream.</summary>
    public required string ReadOpeningEvent { get; init; }

    /// <summary>schema_version, stream_version, state of a stream's snapshot. @stream.</summary>
    public required string LoadSnapshot { get; init; }

    /// <summary>Keeps the newer snapshot of a stream. @stream @version @schema @state @at.</summary>
    public required string SaveSnapshot { get; init; }

    /// <summary>A projection's checkpoint. @name.</summary>
    public required string ReadCheckpoint { get; init; }

    /// <summary>Sets a projection's checkpoint. @name @position @at.</summary>
    public required string WriteCheckpoint { get; init; }

    /// <summary>
    /// Moves a projection's checkpoint to @position after applying positions @from..@position, only if it is
    /// at or past @from - 1 and before @position (nothing before @from is missing); one row affected when
    /// it moved. A checkpoint not there yet counts as 0. @name @from @position @at.
    /// </summary>
    public required string MoveCheckpoint { get; init; }

    /// <summary>Inserts an opened account's balance row. @id @holder_id @holder_name @currency @amount @at @position.</summary>
    public required string InsertBalance { get; init; }

    /// <summary>Applies a later event to a balance row, only on top of the version before it. @id @amount @status @version @at @position.</summary>
    public required string UpdateBalance { get; init; }

    /// <summary>
    /// Inserts a statement line with the balance after it, only on top of the line before it (as the balance
    /// row's update), so that an event applied before its predecessor changes nothing. @id @version @position @type @currency @amount @status @description @reference @counterparty @at.</summary>
    public required string InsertLedgerEntry { get; init; }

    /// <summary>currency, balance and number of accounts per currency, as of a moment, counting events recorded by @known. @at @known.</summary>
    public required string BalancesAsOfTotals { get; init; }

    /// <summary>How many accounts existed at a moment and match a LIKE pattern (escape \). @at @pattern.</summary>
    public required string BalancesAsOfCount { get; init; }

    /// <summary>
    /// One page of accounts as of a moment: account_id, holder_name, currency, balance then, status then,
    /// version then, balance now, version now. @at @known @take @skip, and @pattern when asked for the matching accounts only.
    /// </summary>
    public required Func<bool, string> BalancesAsOfPage { get; init; }

    /// <summary>Whole events of one stream from a position on, in order (see <see cref="EventRows"/>). @stream @from.</summary>
    public required string ReadStreamEventsFrom { get; init; }

    /// <summary>Holds a stream back from the read model, keeping the first record. @stream @position @type @schema @reason @at.</summary>
    public required string QuarantineStream { get; init; }

    /// <summary>stream_id, position, event_type, schema_version of every held stream.</summary>
    public required string ReadQuarantines { get; init; }

    /// <summary>Lets a stream back into the read model. @stream.</summary>
    public required string ReleaseQuarantine { get; init; }

    /// <summary>Events per UTC day by event time, newest day first: the day as a <see cref="DateOnly.DayNumber"/>, and the count. @limit days.</summary>
    public required string EventsPerDay { get; init; }

    /// <summary>Inserts an event at a position already given (a copy of another ledger). @position @stream @version @id @type @schema @data @metadata @at @recorded.</summary>
    public required string CopyEvent { get; init; }
}
