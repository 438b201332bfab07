using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;

namespace Ledger.Api.Tests;

/// <summary>
/// Base for a test double that interferes with appends: every read goes to the real store. Loads take the
/// interface's default path through ReadStreamAsync.
/// </summary>
public abstract class ForwardingEventStore : IEventStore
{
    /// <summary>The real store; a double registered before the app's services exist sets it later.</summary>
    protected IEventStore Inner { get; set; } = null!;

    public abstract Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, ProcessedCommandRecord? command, CancellationToken cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion, long toVersion, CancellationToken cancellationToken) =>
        Inner.ReadStreamAsync(streamId, fromVersion, toVersion, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken) =>
        Inner.ReadAllAsync(afterPosition, limit, cancellationToken);

    public Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken) =>
        Inner.StreamVersionAsync(streamId, cancellationToken);

    public Task<long> HeadPositionAsync(CancellationToken cancellationToken) =>
        Inner.HeadPositionAsync(cancellationToken);
}
