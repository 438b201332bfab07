using Ledger.Domain.Accounts;

namespace Ledger.Infrastructure.Storage;

/// <summary>
/// The append-only log every account's history lives in, in domain terms: what the write path needs
/// and nothing else. Each storage engine implements it with its own SQL; nothing above it knows which.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Waits for this process's turn to write and holds it until the session is disposed: the write
    /// path's one lock. Races with other processes are still decided by the database.
    /// </summary>
    Task<IEventStoreSession> BeginWritingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The payloads of one stream from <paramref name="fromVersion"/> on, in version order: all a fold needs.
    /// Throws <see cref="Serialization.UnreadableEventException"/> when one of them cannot be read by this build.
    /// </summary>
    Task<IReadOnlyList<IAccountEvent>> ReadStreamAsync(string streamId, long fromVersion, CancellationToken cancellationToken);

    /// <summary>The current version of a stream; 0 when it does not exist.</summary>
    Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>The recorded answer held by a command id, or by a natural key when one is given; null when neither is taken.</summary>
    Task<IdempotencyRecord?> FindCommandAsync(string commandId, string? naturalKey, CancellationToken cancellationToken);
}

/// <summary>This process's turn to write; disposing it lets the next writer in.</summary>
public interface IEventStoreSession : IAsyncDisposable
{
    /// <summary>
    /// Appends to one or more streams in a single transaction: all of it commits or none of it does.
    /// Throws <see cref="ConcurrencyException"/> when any stream is not at its expected version and
    /// <see cref="DuplicateCommandException"/> when the record's command id (or natural key) is taken.
    /// <paramref name="command"/>, when given, is recorded in the same transaction; with no streams at
    /// all, that record is all that is written (a refused command's answer).
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        IdempotencyRecord? command,
        CancellationToken cancellationToken);
}
