using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage.Model;

namespace Ledger.Infrastructure.Storage;

/// <summary>The append-only log every account's history lives in.</summary>
public interface IEventStore
{
    /// <summary>
    /// Appends to one or more streams in a single transaction: all of it commits or none of it does.
    /// Throws <see cref="ConcurrencyException"/> when any stream is not at its expected version.
    /// <paramref name="command"/>, when given, is recorded in the same transaction for idempotency
    /// (with no streams at all, that record is all that is written: a refused command's answer).
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken);

    /// <summary>Events of one stream with versions in [fromVersion, toVersion], in version order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion, long toVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Only the payloads of one stream from <paramref name="fromVersion"/> on, in version order: all a fold
    /// needs. Stores override it to skip reading and deserializing each event's metadata and envelope.
    /// </summary>
    async Task<IReadOnlyList<IAccountEvent>> ReadStreamDataAsync(string streamId, long fromVersion, CancellationToken cancellationToken) =>
        (await ReadStreamAsync(streamId, fromVersion, long.MaxValue, cancellationToken)).Select(e => e.Data).ToArray();

    /// <summary>Events after a global position, in position order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>The current version of a stream; 0 when it does not exist.</summary>
    Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken);

    Task<long> HeadPositionAsync(CancellationToken cancellationToken);
}
