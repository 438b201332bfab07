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

/// <summary>
/// This process's turn to write; disposing it lets the next writer in. Appends commit one by one, or,
/// between <see cref="BeginBatchAsync"/> and <see cref="CommitBatchAsync"/>, all in one transaction
/// with one commit (group commit), each under a savepoint of its own.
/// </summary>
public interface IEventStoreSession : IAsyncDisposable
{
    /// <summary>
    /// Appends to one or more streams in a single transaction: all of it commits or none of it does.
    /// Throws <see cref="ConcurrencyException"/> when any stream is not at its expected version and
    /// <see cref="DuplicateCommandException"/> when the record's command id (or natural key) is taken.
    /// <paramref name="command"/>, when given, is recorded in the same transaction; with no streams at
    /// all, that record is all that is written (a refused command's answer).
    /// Inside a batch the append is undone alone when it throws one of those two exceptions (a savepoint),
    /// and is durable only once the batch commits; any other exception has rolled the whole batch back.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        IdempotencyRecord? command,
        CancellationToken cancellationToken);

    /// <summary>
    /// Begins one transaction for the appends that follow (taking the engine's write or append lock now),
    /// until <see cref="CommitBatchAsync"/>. Disposing the session first rolls all of them back.
    /// </summary>
    Task BeginBatchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits the batch: every append that did not throw becomes durable together, with one flush. When
    /// this throws, nothing of the batch was written (the transaction has been rolled back), unless the
    /// connection broke during the commit itself: then, as for a single append, the outcome is unknown.
    /// </summary>
    Task CommitBatchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inside a batch, lets the store hold appends back and send them together (on a server: one round
    /// trip for many commands) at <see cref="SendQueuedAsync"/>. A held append returns its events as they
    /// will be stored, but a stale expected version or a taken command id only shows when it is sent.
    /// Stores that cannot hold appends back ignore it and run each at once.
    /// </summary>
    bool QueueAppends
    {
        get => false;
        set { }
    }

    /// <summary>Appends held back since the last <see cref="SendQueuedAsync"/>.</summary>
    int QueuedAppends => 0;

    /// <summary>
    /// Sends the appends held back, in order. Returns -1 when every one took effect; otherwise the index
    /// (counted from this send) of the first that failed on its expected version or its command id: that
    /// one was undone alone, those before it took effect, those after it were dropped unsent, and the
    /// batch goes on. Any other failure throws and has rolled the whole batch back.
    /// </summary>
    Task<int> SendQueuedAsync(CancellationToken cancellationToken) => Task.FromResult(-1);
}
