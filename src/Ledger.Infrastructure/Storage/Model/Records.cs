namespace Ledger.Infrastructure.Storage.Model;

/// <summary>One row of the append-only <c>events</c> table. Never updated or deleted.</summary>
public sealed class EventRecord
{
    public long Position { get; set; }

    public required string StreamId { get; set; }

    public long StreamVersion { get; set; }

    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    public int SchemaVersion { get; set; }

    public required string Data { get; set; }

    public required string Metadata { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When the event was committed: never decreases as the position grows (see docs/architecture.md, "Two times").</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A cached fold of a stream up to <see cref="StreamVersion"/>; safe to delete at any time.</summary>
public sealed class SnapshotRecord
{
    public required string StreamId { get; set; }

    public long StreamVersion { get; set; }

    public int SchemaVersion { get; set; }

    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The answer a command id got (its result, or a recorded refusal), written in the same transaction as
/// its events, so a retried command id returns the first answer instead of acting twice.
/// </summary>
public sealed class ProcessedCommandRecord
{
    public required string CommandId { get; set; }

    public required string CommandType { get; set; }

    public required string RequestHash { get; set; }

    public required string Result { get; set; }

    /// <summary>A caller-chosen identity besides the command id (a transfer id): unique among commands that acted.</summary>
    public string? NaturalKey { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class AccountBalanceRow
{
    public required string AccountId { get; set; }

    public required string HolderId { get; set; }

    public required string HolderName { get; set; }

    public required string Currency { get; set; }

    public long BalanceMinor { get; set; }

    public required string Status { get; set; }

    public long Version { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public long LastPosition { get; set; }
}

/// <summary>One event of one account with the balance after it: the statement and time-travel read model.</summary>
public sealed class LedgerEntryRow
{
    public required string AccountId { get; set; }

    public long Version { get; set; }

    public long Position { get; set; }

    public required string EventType { get; set; }

    public required string Currency { get; set; }

    public long AmountMinor { get; set; }

    public long BalanceAfterMinor { get; set; }

    public required string StatusAfter { get; set; }

    public string? Description { get; set; }

    public string? Reference { get; set; }

    public string? CounterpartyAccountId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The event's commit time, so an as-of answer can leave out what was recorded after a "known at" moment.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class ProjectionCheckpointRow
{
    public required string Name { get; set; }

    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An account whose history holds an event this build cannot read: its read-model rows stay at their last
/// readable version and nothing is decided on it until a build that reads the event runs.
/// </summary>
public sealed class QuarantinedStreamRow
{
    public required string StreamId { get; set; }

    /// <summary>The first unreadable event; every later event of the stream waits with it.</summary>
    public long Position { get; set; }

    public required string EventType { get; set; }

    public int SchemaVersion { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset DetectedAt { get; set; }
}
