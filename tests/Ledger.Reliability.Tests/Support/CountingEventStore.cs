using Ledger.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Wraps the real event store and counts, per command id (the events' causation id), how many appends
/// were attempted and how many lost a concurrency race: the per-command retry figures the metrics
/// only give as totals. An append a batch held back (group commit on PostgreSQL) is counted when it is
/// sent: it was attempted, and committed, only if it went to the database and took effect there; the one
/// whose send failed is run again at once by its command (and counted then), and those after it were
/// never sent.
/// </summary>
public sealed class CountingEventStore : ForwardingEventStore
{
    private readonly ConcurrentDictionary<string, CommandAppends> byCommand = new(StringComparer.Ordinal);
    private long attempts;
    private long eventAttempts;
    private long conflicts;
    private long duplicates;
    private long committed;

    /// <summary>Appends held back since the last send (one write turn at a time per process, so one list).</summary>
    private readonly List<(CommandAppends Counts, bool HasEvents)> held = [];

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
        var hasEvents = appends.Any(a => a.Events.Count > 0);
        var heldBefore = inner.QueuedAppends;
        try
        {
            var stored = await inner.AppendAsync(appends, metadata, command, cancellationToken);
            if (inner.QueuedAppends > heldBefore)
            {
                lock (held)
                {
                    held.Add((counts, hasEvents));
                }

                return stored;
            }

            Attempted(counts, hasEvents);
            Interlocked.Increment(ref committed);
            Interlocked.Increment(ref counts.Committed);
            return stored;
        }
        catch (ConcurrencyException)
        {
            Attempted(counts, hasEvents);
            Interlocked.Increment(ref conflicts);
            Interlocked.Increment(ref counts.Conflicts);
            throw;
        }
        catch (DuplicateCommandException)
        {
            Attempted(counts, hasEvents);
            Interlocked.Increment(ref duplicates);
            throw;
        }
        catch
        {
            Attempted(counts, hasEvents);
            throw;
        }
    }

    protected override async Task BeginBatchAsync(IEventStoreSession inner, CancellationToken cancellationToken)
    {
        lock (held)
        {
            // Held by a batch that failed before sending them: never attempted.
            held.Clear();
        }

        await inner.BeginBatchAsync(cancellationToken);
    }

    protected override async Task<int> SendQueuedAsync(IEventStoreSession inner, CancellationToken cancellationToken)
    {
        (CommandAppends Counts, bool HasEvents)[] sent;
        lock (held)
        {
            sent = [.. held];
            held.Clear();
        }

        int failed;
        try
        {
            failed = await inner.SendQueuedAsync(cancellationToken);
        }
        catch
        {
            // The whole batch failed: every held append went to the database and none took effect.
            foreach (var (counts, hasEvents) in sent)
            {
                Attempted(counts, hasEvents);
            }

            throw;
        }

        for (var i = 0; i < sent.Length && (failed < 0 || i < failed); i++)
        {
            Attempted(sent[i].Counts, sent[i].HasEvents);
            Interlocked.Increment(ref committed);
            Interlocked.Increment(ref sent[i].Counts.Committed);
        }

        return failed;
    }

    private void Attempted(CommandAppends counts, bool hasEvents)
    {
        Interlocked.Increment(ref attempts);
        Interlocked.Increment(ref counts.Attempts);
        if (hasEvents)
        {
            Interlocked.Increment(ref eventAttempts);
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
