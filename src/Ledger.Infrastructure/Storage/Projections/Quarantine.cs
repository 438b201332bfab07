using System.Collections.Concurrent;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Streams held back from the read model because they hold an event this build cannot read (a type it
/// does not know, a newer schema). Their rows stay at the last readable version, every later event of
/// theirs waits, and everything else goes on. A build that can read the event lets the stream back in:
/// its waiting events are applied (projections are idempotent by version) and the hold is lifted.
/// </summary>
public sealed class Quarantine(SqlEngine engine, TimeProvider time, ReadModelNotifier notifier, ILogger<Quarantine> logger)
{
    /// <summary>Held streams and their first unreadable position; loaded on first use, changed only after a commit.</summary>
    private ConcurrentDictionary<string, long>? held;

    /// <summary>Streams this build tried to let back in and could not read yet: not tried again until a restart.</summary>
    private readonly ConcurrentDictionary<string, bool> stillUnreadable = new(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="stored"/> must be passed over: its stream is held, or it is unreadable and
    /// holds its stream from now on (recorded in the session's transaction).
    /// </summary>
    internal async Task<bool> PassesOverAsync(ProjectionConnection session, StoredEvent stored, CancellationToken cancellationToken)
    {
        // A held stream keeps what came before its unreadable event; from there on, everything waits.
        var streams = await HeldAsync(session, cancellationToken);
        if (streams.TryGetValue(stored.StreamId, out var from) || session.PendingHolds.TryGetValue(stored.StreamId, out from))
        {
            return stored.Position >= from;
        }

        if (stored.Data is not UnreadableEvent unreadable)
        {
            return false;
        }

        await using var hold = SqlCommands.Create(session.Connection, null, engine.Sql.QuarantineStream, "@stream", "@position", "@type", "@schema", "@reason", "@at")
            .Set("@stream", stored.StreamId)
            .Set("@position", stored.Position)
            .Set("@type", stored.EventType)
            .Set("@schema", stored.SchemaVersion)
            .Set("@reason", unreadable.Reason.Length > 500 ? unreadable.Reason[..500] : unreadable.Reason)
            .Set("@at", engine.Instant(LedgerClock.CommitTime(time)));
        await session.Writes.ExecuteAsync(hold, cancellationToken);
        session.PendingHolds[stored.StreamId] = stored.Position;
        logger.LogWarning(
            "Account {AccountId} is quarantined: event {Position} ({Type} v{Schema}) cannot be read by this build ({Reason}). Its read model stays at its last readable version; other accounts are not affected",
            unreadable.AccountId, stored.Position, stored.EventType, stored.SchemaVersion, unreadable.Reason);
        return true;
    }

    /// <summary>After the session's transaction committed: its new holds are now in force.</summary>
    internal void Committed(ProjectionConnection session)
    {
        foreach (var (streamId, position) in session.PendingHolds)
        {
            held?.TryAdd(streamId, position);
        }

        session.PendingHolds.Clear();
    }

    /// <summary>A rebuild starts the read model over: holds are found again as it replays.</summary>
    public void Forget() => held = null;

    /// <summary>
    /// Lets back in every held stream whose events this build can now read: applies its waiting events to
    /// every projection and lifts the hold, one stream per transaction. Cheap when nothing is held.
    /// </summary>
    public async Task ReleaseReadableAsync(ProjectionWorkspace workspace, IReadOnlyList<IProjection> projections, CancellationToken cancellationToken)
    {
        if (held is { IsEmpty: true })
        {
            return;
        }

        IReadOnlyCollection<string> candidates;
        await using (var lease = await workspace.BeginAsync(cancellationToken))
        {
            candidates = (await HeldAsync(lease.Session, cancellationToken)).Keys.Where(s => !stillUnreadable.ContainsKey(s)).ToArray();
        }

        foreach (var streamId in candidates)
        {
            await using var lease = await workspace.BeginAsync(cancellationToken);
            var session = lease.Session;
            if (!held!.TryGetValue(streamId, out var from))
            {
                continue;
            }

            var waiting = await ReadStreamFromAsync(session, streamId, from, cancellationToken);
            if (waiting.Any(e => !e.IsReadable))
            {
                stillUnreadable[streamId] = true;
                continue;
            }

            foreach (var projection in projections)
            {
                var batch = session.BatchFor(projection);
                foreach (var stored in waiting)
                {
                    await batch.ApplyAsync(stored, cancellationToken);
                }
            }

            await using var release = SqlCommands.Create(session.Connection, null, engine.Sql.ReleaseQuarantine, "@stream").Set("@stream", streamId);
            await session.Writes.ExecuteAsync(release, cancellationToken);
            await session.CommitAsync(cancellationToken);
            held.TryRemove(streamId, out _);
            logger.LogInformation("Account {AccountId} is out of quarantine: this build reads its events; {Count} waiting events applied", UnreadableEvent.AccountOf(streamId), waiting.Count);
            foreach (var projection in projections)
            {
                notifier.Publish(new ReadModelChange(projection.Name, [UnreadableEvent.AccountOf(streamId)], waiting.Count == 0 ? from : waiting[^1].Position));
            }
        }
    }

    private async Task<ConcurrentDictionary<string, long>> HeldAsync(ProjectionConnection session, CancellationToken cancellationToken)
    {
        if (held is { } known)
        {
            return known;
        }

        // Outside a batched transaction when it has not begun: holds only change in transactions of this runner's.
        var loaded = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using (var command = SqlCommands.Create(session.Connection, session.Writes.Current, engine.Sql.ReadQuarantines))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                loaded[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return held = loaded;
    }

    private async Task<List<StoredEvent>> ReadStreamFromAsync(ProjectionConnection session, string streamId, long from, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(session.Connection, await session.Writes.ReadyAsync(cancellationToken), engine.Sql.ReadStreamEventsFrom, "@stream", "@from")
            .Set("@stream", streamId)
            .Set("@from", from);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(EventRows.Read(engine, reader));
        }

        return events;
    }
}
