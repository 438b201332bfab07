using Microsoft.Extensions.Hosting;

namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// On an instance that does not lead, the read model moves without this process: this watch re-reads
/// the checkpoints when the leader says it moved them (or every <see cref="LedgerOptions.RemotePollMilliseconds"/>
/// if a wake-up is lost), and tells open screens which accounts changed through <see cref="ReadModelNotifier"/>,
/// as the leader's own runner does for its screens. Runs only where instances elect a leader.
/// </summary>
public sealed class RemoteProjectionWatch(
    ProjectionRunner runner,
    ProjectionLeadership leadership,
    ProjectionProgress progress,
    WakeUps wakeUps,
    ReadModelNotifier notifier,
    IDbContextFactory<LedgerDbContext> contexts,
    IOptions<LedgerOptions> options,
    ILogger<RemoteProjectionWatch> logger) : BackgroundService
{
    /// <summary>More events than this between two looks: every screen reloads rather than a long list of accounts.</summary>
    private const int MaxListedEvents = 1_000;

    private readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leadership.Elects)
        {
            return;
        }

        var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.RemotePollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LookAsync(stoppingToken);
                await wakeUps.ProjectionsMoved.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning("Reading the projections' checkpoints failed ({Reason}); trying again in {Poll}", exception.Message.ReplaceLineEndings(" "), poll);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Announces every projection whose checkpoint moved since the last look, with the accounts in between.</summary>
    private async Task LookAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await runner.CheckpointsAsync(cancellationToken);
        var leading = leadership.IsLeader;
        foreach (var (name, position) in checkpoints)
        {
            progress.Advance(name, position);
            var from = seen.GetValueOrDefault(name, -1);
            seen[name] = position;
            if (leading || from < 0 || position <= from)
            {
                // The leader's runner announces its own moves; the first look only learns where things stand.
                continue;
            }

            notifier.Publish(new ReadModelChange(name, await AccountsBetweenAsync(from, position, cancellationToken), position));
        }
    }

    private async Task<IReadOnlyCollection<string>> AccountsBetweenAsync(long after, long upTo, CancellationToken cancellationToken)
    {
        if (upTo - after > MaxListedEvents)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var streams = await db.Events.Where(e => e.Position > after && e.Position <= upTo).Select(e => e.StreamId).Distinct().ToListAsync(cancellationToken);
        return streams.Select(UnreadableEvent.AccountOf).ToArray();
    }
}
