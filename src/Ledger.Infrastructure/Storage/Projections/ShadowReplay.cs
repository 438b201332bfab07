namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// A rebuild's writes to its shadow tables, on the shadow's own connection: the replay of the store into
/// them chunk by chunk (each chunk whole commands, so both legs of a transfer land together), and at the
/// end the swap that makes them the live read model. <paramref name="holds"/> is the shadow's own
/// quarantine, so that streams held during the replay are held in what replaces the live tables.
/// </summary>
internal sealed class ShadowReplay(ProjectionConnection shadow, Quarantine holds, IReadOnlyList<IProjection> projections, TimeProvider time)
{
    public ProjectionConnection Shadow => shadow;

    public Quarantine Holds => holds;

    /// <summary>The whole commands after <paramref name="after"/>, none past <paramref name="upTo"/>; empty when there are none.</summary>
    public async Task<List<StoredEvent>> ReadChunkAsync(long after, long upTo, CancellationToken cancellationToken) =>
        (await ProjectionRunner.ReadWholeCommandsAsync(shadow, after, cancellationToken)).Where(e => e.Position <= upTo).ToList();

    /// <summary>Applies <paramref name="chunk"/> to the shadow tables of <paramref name="applied"/>, event by event, in the open transaction.</summary>
    public async Task ApplyAsync(IEnumerable<IProjection> applied, IReadOnlyList<StoredEvent> chunk, CancellationToken cancellationToken)
    {
        foreach (var projection in applied)
        {
            await ProjectionRunner.ApplyEventsAsync(shadow, holds, projection, chunk, cancellationToken);
        }
    }

    /// <summary>Applies every event after <paramref name="after"/> up to <paramref name="upTo"/> to the shadow, one chunk per transaction.</summary>
    public async Task<long> ReplayAsync(long after, long upTo, Action<long> progress, CancellationToken cancellationToken)
    {
        var position = after;
        while (position < upTo)
        {
            shadow.Begin(write: false);
            var chunk = await ReadChunkAsync(position, upTo, cancellationToken);
            if (chunk.Count == 0)
            {
                await shadow.EndAsync();
                break;
            }

            await ApplyAsync(projections, chunk, cancellationToken);
            await shadow.CommitAsync(cancellationToken);
            holds.Committed(shadow);
            position = chunk[^1].Position;
            progress(position);
        }

        return position;
    }

    /// <summary>
    /// The shadow becomes the live read model in one transaction, checkpoints included. Holding the
    /// checkpoints' row locks (taken first, in the order a delivery takes them, so the two never deadlock),
    /// it first replays into the shadow whatever a leader on another instance applied since
    /// <paramref name="head"/>: the live read model never moves back. Returns the position it replaced at.
    /// </summary>
    public async Task<long> ReplaceLiveAsync(IReadOnlyList<string> tables, long head, CancellationToken cancellationToken)
    {
        shadow.Begin(write: true);
        try
        {
            var live = head;
            foreach (var projection in projections)
            {
                live = Math.Max(live, await shadow.ReadCheckpointAsync(projection.Name, cancellationToken));
            }

            var position = head;
            while (position < live)
            {
                var chunk = await ReadChunkAsync(position, live, cancellationToken);
                if (chunk.Count == 0)
                {
                    break;
                }

                await ApplyAsync(projections, chunk, cancellationToken);
                position = chunk[^1].Position;
            }

            foreach (var table in tables)
            {
                await using var replace = SqlCommands.Create(shadow.Connection, await shadow.Writes.ReadyAsync(cancellationToken), shadow.Engine.ReplaceWithShadow(table));
                await replace.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var projection in projections)
            {
                await shadow.WriteCheckpointAsync(projection.Name, position, LedgerClock.CommitTime(time), cancellationToken);
            }

            await shadow.CommitAsync(cancellationToken);
            holds.Committed(shadow);
            return position;
        }
        finally
        {
            await shadow.EndAsync();
        }
    }
}
