using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ledger.Infrastructure.Diagnostics;

/// <summary>
/// Ledger's instruments on the "Ledger" meter (for dotnet-counters and OpenTelemetry), plus running
/// totals since start so the Diagnostics page can show them without a metrics backend.
/// </summary>
public sealed class LedgerMetrics : IDisposable
{
    public const string MeterName = "Ledger";

    private readonly Meter meter;
    private readonly Counter<long> commandsHandled;
    private readonly Counter<long> commandsRejected;
    private readonly Counter<long> conflicts;
    private readonly Counter<long> retries;
    private readonly Counter<long> eventsAppended;
    private readonly Counter<long> rebuiltEvents;
    private readonly Histogram<double> rebuildSeconds;
    private readonly Histogram<double> replaySeconds;
    private readonly Histogram<int> commandsPerCommit;
    private readonly ConcurrentDictionary<string, long> handledByType = new();
    private readonly ConcurrentDictionary<string, long> rejectedByCode = new();
    private long conflictTotal;
    private long retryTotal;
    private long appendedTotal;
    private long commitTotal;
    private long committedCommandTotal;
    private long projectionLag;
    private readonly TimeProvider time;
    private readonly long startedAt;
    private readonly RecentCount recentConflicts;

    public LedgerMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        this.time = time;
        startedAt = time.GetTimestamp();
        recentConflicts = new RecentCount(TimeSpan.FromMinutes(1), time);
        meter = meterFactory.Create(MeterName);
        commandsHandled = meter.CreateCounter<long>("ledger.commands.handled", description: "Commands that succeeded, by type");
        commandsRejected = meter.CreateCounter<long>("ledger.commands.rejected", description: "Commands refused, by type and error code");
        conflicts = meter.CreateCounter<long>("ledger.concurrency.conflicts", description: "Appends that lost an optimistic-concurrency race");
        retries = meter.CreateCounter<long>("ledger.concurrency.retries", description: "Commands decided again after a conflict");
        eventsAppended = meter.CreateCounter<long>("ledger.events.appended", description: "Events committed to the store");
        rebuiltEvents = meter.CreateCounter<long>("ledger.projections.rebuild.events", "{events}", "Events replayed by full projection rebuilds");
        rebuildSeconds = meter.CreateHistogram<double>("ledger.projections.rebuild.duration", "s", "Full projection rebuilds");
        replaySeconds = meter.CreateHistogram<double>("ledger.projections.replay.duration", "s", "Catch-up replays");
        commandsPerCommit = meter.CreateHistogram<int>("ledger.commands.per_commit", "{commands}", "Commands answered by one commit of the write path (group commit)");
        meter.CreateObservableGauge("ledger.projections.lag", () => Interlocked.Read(ref projectionLag), "{events}", "Events committed but not yet projected, as last measured");
    }

    public long ConflictTotal => Interlocked.Read(ref conflictTotal);

    /// <summary>Conflicts in the last 60 seconds: the rate per minute now.</summary>
    public long ConflictsInLastMinute => recentConflicts.Count();

    /// <summary>Conflicts per minute averaged since start; the first minute counts as a whole minute, so one early conflict does not read as a storm.</summary>
    public double ConflictsPerMinuteSinceStart => ConflictTotal / Math.Max(1.0, time.GetElapsedTime(startedAt).TotalMinutes);

    public long RetryTotal => Interlocked.Read(ref retryTotal);

    public long AppendedTotal => Interlocked.Read(ref appendedTotal);

    public IReadOnlyDictionary<string, long> HandledByType => handledByType;

    public IReadOnlyDictionary<string, long> RejectedByCode => rejectedByCode;

    public TimeSpan? LastRebuild { get; private set; }

    public long LastRebuildEvents { get; private set; }

    public TimeSpan? LastReplay { get; private set; }

    /// <summary>The largest lag of any projection at the catch-up service's last look.</summary>
    public long ProjectionLag => Interlocked.Read(ref projectionLag);

    public void MeasuredProjectionLag(long events) => Interlocked.Exchange(ref projectionLag, events);

    public void CommandHandled(string type)
    {
        commandsHandled.Add(1, new KeyValuePair<string, object?>("type", type));
        handledByType.AddOrUpdate(type, 1, (_, n) => n + 1);
    }

    public void CommandRejected(string type, string code)
    {
        commandsRejected.Add(1, new("type", type), new("code", code));
        rejectedByCode.AddOrUpdate(code, 1, (_, n) => n + 1);
    }

    public void ConcurrencyConflict(string type)
    {
        conflicts.Add(1, new KeyValuePair<string, object?>("type", type));
        Interlocked.Increment(ref conflictTotal);
        recentConflicts.Add();
    }

    public void ConcurrencyRetry(string type)
    {
        retries.Add(1, new KeyValuePair<string, object?>("type", type));
        Interlocked.Increment(ref retryTotal);
    }

    public void EventsAppended(int count)
    {
        eventsAppended.Add(count);
        Interlocked.Add(ref appendedTotal, count);
    }

    /// <summary>One commit (one flush) of the write path answered this many commands.</summary>
    public void Committed(int commands)
    {
        commandsPerCommit.Record(commands);
        Interlocked.Increment(ref commitTotal);
        Interlocked.Add(ref committedCommandTotal, commands);
    }

    /// <summary>Commits of the write path since start (with <see cref="CommittedCommandTotal"/>: commands per flush).</summary>
    public long CommitTotal => Interlocked.Read(ref commitTotal);

    /// <summary>Commands answered by those commits.</summary>
    public long CommittedCommandTotal => Interlocked.Read(ref committedCommandTotal);

    public void Rebuilt(TimeSpan duration, long events)
    {
        rebuildSeconds.Record(duration.TotalSeconds);
        rebuiltEvents.Add(events);
        LastRebuild = duration;
        LastRebuildEvents = events;
    }

    public void Replayed(TimeSpan duration)
    {
        replaySeconds.Record(duration.TotalSeconds);
        LastReplay = duration;
    }

    public void Dispose() => meter.Dispose();
}
