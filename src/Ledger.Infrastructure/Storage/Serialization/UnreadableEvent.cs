namespace Ledger.Infrastructure.Storage.Serialization;

/// <summary>
/// This build cannot read a stored event: a type it does not know, a schema newer than its own (as a newer
/// Ledger writes before a rollback), or a payload that no longer parses. The event stays as it is stored.
/// </summary>
public sealed class UnreadableEventException(string eventType, int schemaVersion, string reason, Exception? inner = null)
    : Exception($"{eventType} v{schemaVersion} cannot be read by this build: {reason}", inner)
{
    public string EventType { get; } = eventType;

    public int SchemaVersion { get; } = schemaVersion;

    public string Reason { get; } = reason;
}

/// <summary>
/// Stands in for a stored event this build cannot read, so readers can go on with every other event and
/// say which one they passed over. It is never folded: <see cref="Account.Evolve"/> refuses it.
/// </summary>
public sealed record UnreadableEvent(string AccountId, string StoredType, int SchemaVersion, string Reason, DateTimeOffset OccurredAt) : IAccountEvent
{
    /// <summary>The account a stream belongs to, from its id ("BankAccount-{id}").</summary>
    public static string AccountOf(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) ? streamId[StreamPrefix.Length..] : streamId;

    private static readonly string StreamPrefix = Account.StreamId("");
}
