using System.Collections.Concurrent;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sqlite;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Wraps the real event store and counts, per command id (the events' causation id), how many appends
/// were attempted and how many lost a concurrency race: the per-command retry figures the metrics
/// only give as totals.
/// </summary>
public sealed class CountingEventStore(SqliteEventStore inner) : IEventStore
{
    private readonly ConcurrentDictionary<string, CommandAppends> byCommand = new(StringComparer.Ordinal);
    private long attempts;
    private long eventAttempts;
    private long conflicts;
    private long duplicates;
    private long committed;

    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>Appends that carried at least one event (a refused command's answer is recorded with none).</summary>
    public long EventAttempts => Interlocked.Read(ref eventAttempts);

    public long Conflicts => Interlocked.Read(ref conflicts);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long Committed => Interlocked.Read(ref committed);

    public IReadOnlyDictionary<string, CommandAppends> ByCommand => byCommand;

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken)
    {
        var counts = byCommand.GetOrAdd(metadata.CausationId, _ => new CommandAppends());
        Interlocked.Increment(ref attempts);
        Interlocked.Increment(ref counts.Attempts);
        if (appends.Any(a => a.Events.Count > 0))
        {
            Interlocked.Increment(ref eventAttempts);
        }

        try
        {
            var stored = await inner.AppendAsync(appends, metadata, command, cancellationToken);
            Interlocked.Increment(ref committed);
            Interlocked.Increment(ref counts.Committed);
            return stored;
        }
        catch (ConcurrencyException)
        {
            Interlocked.Increment(ref conflicts);
            Interlocked.Increment(ref counts.Conflicts);
            throw;
        }
        catch (DuplicateCommandException)
        {
            Interlocked.Increment(ref duplicates);
            throw;
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion, long toVersion, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(streamId, fromVersion, toVersion, cancellationToken);

    /// <summary>Forwarded, so loads take the store's own fast path exactly as in production.</summary>
    public Task<IReadOnlyList<IAccountEvent>> ReadStreamDataAsync(string streamId, long fromVersion, CancellationToken cancellationToken) =>
        ((IEventStore)inner).ReadStreamDataAsync(streamId, fromVersion, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(afterPosition, limit, cancellationToken);

    public Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken) =>
        inner.StreamVersionAsync(streamId, cancellationToken);

    public Task<long> HeadPositionAsync(CancellationToken cancellationToken) => inner.HeadPositionAsync(cancellationToken);

    public sealed class CommandAppends
    {
        public int Attempts;
        public int Conflicts;
        public int Committed;
    }
}
