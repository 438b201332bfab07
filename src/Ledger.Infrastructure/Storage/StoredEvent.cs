namespace Ledger.Infrastructure.Storage;

public sealed record EventMetadata(string CorrelationId, string CausationId, string Actor);

/// <summary>
/// An event as read back from the store, upcast to today's record type, or an
/// <see cref="Serialization.UnreadableEvent"/> when this build cannot read it.
/// </summary>
public sealed record StoredEvent(
    long Position,
    string StreamId,
    long StreamVersion,
    Guid EventId,
    string EventType,
    int SchemaVersion,
    IAccountEvent Data,
    EventMetadata Metadata,
    DateTimeOffset OccurredAt)
{
    public bool IsReadable => Data is not Serialization.UnreadableEvent;

    /// <summary>
    /// When the event was committed (never decreasing as the position grows). Read back from the store; on an
    /// event just appended, the time the append asked for (the store keeps the larger of it and the head's).
    /// </summary>
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Events for one stream, to be appended only if the stream is still at <see cref="Expected"/>.</summary>
public sealed record StreamAppend(string StreamId, ExpectedVersion Expected, IReadOnlyList<NewEvent> Events);
