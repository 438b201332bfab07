using Ledger.Infrastructure.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Applies whatever the projections missed: at start (a crash between commit and publish) and
/// whenever one falls behind later (a failed delivery). This is why a lost notification loses nothing.
/// </summary>
public sealed class CatchUpService(ProjectionRunner runner, LedgerMetrics metrics, IOptions<LedgerOptions> options, ILogger<CatchUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CatchUpIntervalMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.ReleaseReadableAsync(stoppingToken);
                long worstLag = 0;
                foreach (var projection in runner.Projections)
                {
                    worstLag = Math.Max(worstLag, await runner.LagAsync(projection, stoppingToken));
                    var applied = await runner.CatchUpAsync(projection, stoppingToken);
                    if (applied > 0)
                    {
                        logger.LogInformation("Projection {Projection} caught up {Count} events", projection.Name, applied);
                    }
                }

                metrics.MeasuredProjectionLag(worstLag);
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
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
