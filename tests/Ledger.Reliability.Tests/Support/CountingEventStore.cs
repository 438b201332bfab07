using Ledger.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Wraps the real event store and counts, per command id (the events' causation id), how many appends
/// were attempted and how many lost a concurrency race: the per-command retry figures the metrics
/// only give as totals.
/// </summary>
public sealed class CountingEventStore : ForwardingEventStore
{
    private readonly ConcurrentDictionary<string, CommandAppends> byCommand = new(StringComparer.Ordinal);
    private long attempts;
    private long eventAttempts;
    private long conflicts;
    private long duplicates;
    private long committed;

    /// <summary>Puts a counting store in front of the real one (pass as <c>services:</c> to <see cref="TestLedger.StartAsync"/>).</summary>
    public static void Install(IServiceCollection services) => Install<CountingEventStore>(services);

    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>Appends that carried at least one event (a refused command's answer is recorded with none).</summary>
    public long EventAttempts => Interlocked.Read(ref eventAttempts);

    public long Conflicts => Interlocked.Read(ref conflicts);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long Committed => Interlocked.Read(ref committed);

    public IReadOnlyDictionary<string, CommandAppends> ByCommand => byCommand;

    protected override async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IEventStoreSession inner,
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        IdempotencyRecord? command,
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

    public sealed class CommandAppends
    {
        public int Attempts;
        public int Conflicts;
        public int Committed;
    }
}

/// <summary>The counting store of a ledger started with <see cref="CountingEventStore.Install"/>.</summary>
public static class CountingLedger
{
    public static CountingEventStore Store(this TestLedger ledger) => ledger.Get<CountingEventStore>();
}
