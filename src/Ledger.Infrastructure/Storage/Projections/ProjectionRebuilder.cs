using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Rebuilds the read model from the first event without stopping anyone: the replay fills shadow
/// tables on a connection of its own (they take no write lock), while commands and live deliveries go
/// on. At the end, holding the projections' workspace for a moment, it brings the live read model and
/// the shadow to the same position, counts the rows in which they differ, and only if any do, replaces
/// the live tables with the shadow in one transaction: readers see the old read model or the new one.
/// </summary>
public sealed class ProjectionRebuilder(
    SqlEngine engine,
    ProjectionWorkspace workspace,
    ProjectionRunner runner,
    Quarantine quarantine,
    IDbContextFactory<LedgerDbContext> contexts,
    LedgerMetrics metrics,
    ReadModelNotifier notifier,
    AccountCurrencies currencies,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private const string QuarantineTable = "quarantined_streams";

    /// <summary>One rebuild at a time in this process; a second one waits for the first (across instances, see <see cref="SqlEngine.TakeRebuildTurnAsync"/>).</summary>
    private readonly SemaphoreSlim one = new(1, 1);

    public async Task<RebuildResult> RebuildAsync(IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        await one.WaitAsync(cancellationToken);
        try
        {
            return await RebuildOnceAsync(progress, cancellationToken);
        }
        finally
        {
            one.Release();
        }
    }

    private async Task<RebuildResult> RebuildOnceAsync(IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long total;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            total = await db.HeadPositionAsync(cancellationToken);
        }

        var tables = runner.Projections.SelectMany(p => p.Tables).Append(QuarantineTable).ToArray();
        await using var shadow = await ProjectionConnection.OpenAsync(engine, cancellationToken, ConnectionUse.Shadow);

        // Another instance rebuilding the same database: wait for it to finish (this one then finds less to change).
        await engine.TakeRebuildTurnAsync(shadow.Connection, cancellationToken);
        await engine.CreateShadowTablesAsync(shadow.Connection, tables, cancellationToken);
        try
        {
            return await RebuildIntoAsync(shadow, tables, total, started, progress, cancellationToken);
        }
        finally
        {
            // The connection is the shadow's alone and closes with it; dropping the tables as well means nothing
            // could ever read a shadow in place of the live tables, even on an engine that pools it after all.
            await shadow.EndAsync();
            foreach (var table in tables)
            {
                await using var drop = SqlCommands.Create(shadow.Connection, null, engine.DropShadow(table));
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private async Task<RebuildResult> RebuildIntoAsync(
        ProjectionConnection shadow, string[] tables, long total, long started, IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var projections = runner.Projections;
        var replay = new ShadowReplay(shadow, new Quarantine(engine, time, notifier, loggers.CreateLogger<Quarantine>()), projections, time);

        // The replay, chunk by chunk, while everything else goes on; in bulk where the engine can.
        Action<long> report = applied => progress?.Report(new RebuildProgress(applied, Math.Max(total, applied), Rate(applied, started)));
        var bulk = BulkShadowReplay.For(shadow, projections, currencies);
        var position = bulk is null
            ? await replay.ReplayAsync(0, long.MaxValue, report, cancellationToken)
            : await bulk.ReplayAsync(replay, long.MaxValue, report, cancellationToken);

        long differences = 0;
        long behind;
        await using (var lease = await workspace.BeginAsync(cancellationToken))
        {
            // No delivery can move the live read model now. Bring it to the head, then the shadow to the same place.
            (var head, behind) = await CatchUpLiveAsync(lease.Session, cancellationToken);
            await runner.CommitAsync(lease.Session, cancellationToken);
            position = await replay.ReplayAsync(position, head, _ => { }, cancellationToken);

            foreach (var table in projections.SelectMany(p => p.Tables))
            {
                await using var count = SqlCommands.Create(shadow.Connection, null, engine.CountShadowDifferences(table));
                differences += await count.ScalarInt64Async(cancellationToken) ?? 0;
            }

            if (differences > 0)
            {
                position = await replay.ReplaceLiveAsync(tables, head, cancellationToken);
                quarantine.Forget();
            }
        }

        foreach (var projection in projections)
        {
            notifier.Publish(new ReadModelChange(projection.Name, [], position));
        }

        var duration = Stopwatch.GetElapsedTime(started);
        metrics.Rebuilt(duration, position);
        return new RebuildResult(position, duration, Rate(position, started), differences, behind);
    }

    /// <summary>
    /// Brings the live read model to the head in the lease's transaction and returns that head, unless it
    /// lags by more than a chunk (a new database, projections that never ran): then catching it up event by
    /// event would cost as much as the rebuild itself, so it stays where it is and the head of the store is
    /// returned with how far behind it was; the comparison then finds its missing rows and the shadow replaces it.
    /// </summary>
    private async Task<(long Head, long Behind)> CatchUpLiveAsync(ProjectionConnection session, CancellationToken cancellationToken)
    {
        var projections = runner.Projections;
        var live = long.MaxValue;
        foreach (var projection in projections)
        {
            live = Math.Min(live, await session.ReadCheckpointAsync(projection.Name, cancellationToken));
        }

        long stored;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stored = await db.HeadPositionAsync(cancellationToken);
        }

        if (stored - live > ProjectionRunner.ChunkSize)
        {
            return (stored, stored - live);
        }

        foreach (var projection in projections)
        {
            while ((await runner.CatchUpChunkAsync(session, projection, cancellationToken)).Count > 0)
            {
            }
        }

        return (await session.ReadCheckpointAsync(projections[0].Name, cancellationToken), 0);
    }

    private static double Rate(long events, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return seconds > 0 ? events / seconds : 0;
    }
}
