using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Applies whatever the projections missed: at start (a crash between commit and publish), whenever one
/// falls behind later (a failed delivery), and on PostgreSQL whenever another instance commits (its
/// NOTIFY wakes this loop). This is why a lost notification loses nothing. Only the projection leader
/// applies (see <see cref="ProjectionLeadership"/>); the others measure the lag.
/// </summary>
public sealed class CatchUpService(
    ProjectionRunner runner,
    CommandWriter writer,
    ProjectionLeadership leadership,
    ProjectionProgress progress,
    WakeUps wakeUps,
    LedgerMetrics metrics,
    IOptions<LedgerOptions> options,
    ILogger<CatchUpService> logger) : BackgroundService
{
    /// <summary>How long a wake-up waits for this process's own delivery of the commit that sent it.</summary>
    private static readonly TimeSpan OwnDeliveryGrace = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long a wake-up, or a pass, waits for this process's queued deliveries: at most about two deliveries'
    /// work, after their linger (<see cref="LedgerOptions.ProjectionLingerMilliseconds"/>).
    /// </summary>
    private TimeSpan OwnDeliveriesBound => TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ProjectionLingerMilliseconds));

    /// <summary>
    /// On the way down, this process's lingering deliveries go first (bounded), so a stop leaves its read model
    /// and snapshots as up to date as its answers; what does not make it is caught up at the next start.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await writer.FlushDeliveries().WaitAsync(OwnDeliveriesBound, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            logger.LogInformation("Stopping before this process's last projection deliveries; the next start catches them up");
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CatchUpIntervalMilliseconds));
        var woken = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!woken)
                {
                    await PassAsync(stoppingToken);
                }
                else if (leadership.IsLeader && !await OwnDeliveryCoversAsync(stoppingToken))
                {
                    // A wake-up is about fresh commits only: catch up at once, and leave quarantine and the
                    // lag metric to the next regular pass.
                    foreach (var projection in runner.Projections)
                    {
                        await runner.CatchUpAsync(projection, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Projection catch-up failed; retrying in {Interval}", interval);
            }

            try
            {
                woken = await wakeUps.EventsCommitted.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A wake-up for a commit this leader delivers itself: nothing to catch up. Its own deliveries still
    /// queued (see <see cref="CommandWriter.Published"/>) are let through first, so a burst of this process's
    /// own commits does not set a catch-up racing its deliveries for the same positions.
    /// </summary>
    private async Task<bool> OwnDeliveryCoversAsync(CancellationToken cancellationToken)
    {
        var latest = wakeUps.EventsCommitted.TakeLatest();
        if (!await OwnDeliveriesLandAsync(cancellationToken))
        {
            return false;
        }

        return await progress.WaitAsync(latest, OwnDeliveryGrace, OwnDeliveryGrace, _ => Task.CompletedTask, cancellationToken);
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        long worstLag = 0;
        if (leadership.IsLeader)
        {
            await runner.ReleaseReadableAsync(stoppingToken);
            // What this process is still delivering is not a lag to repair.
            await OwnDeliveriesLandAsync(stoppingToken);
        }

        foreach (var projection in runner.Projections)
        {
            worstLag = Math.Max(worstLag, await runner.LagAsync(projection, stoppingToken));
            if (!leadership.IsLeader)
            {
                continue;
            }

            var applied = await runner.CatchUpAsync(projection, stoppingToken);
            if (applied > 0)
            {
                logger.LogInformation("Projection {Projection} caught up {Count} events", projection.Name, applied);
            }
        }

        metrics.MeasuredProjectionLag(worstLag);
    }

    /// <summary>Waits, within <see cref="OwnDeliveriesBound"/>, for this process's queued deliveries; false when they did not land in it (stuck).</summary>
    private async Task<bool> OwnDeliveriesLandAsync(CancellationToken cancellationToken)
    {
        try
        {
            await writer.Published.WaitAsync(OwnDeliveriesBound, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
