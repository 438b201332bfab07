using Ledger.Infrastructure.Application.Notifications;

namespace Ledger.Infrastructure.Application.Writing;

internal sealed partial class GroupCommit
{
    private void Committed(WriteBatch batch, int commands)
    {
        foreach (var state in batch.Accounts)
        {
            cache.Remember(state);
        }

        metrics.Committed(commands);
        metrics.EventsAppended(batch.Events.Count);
    }

    /// <summary>
    /// Every command of a batch that failed (I/O, a full disk, a lost connection, a failed COMMIT) hears
    /// that failure: none of it was written, and none of it was cached. When the database was busy (another
    /// process held its write lock past the busy timeout), the commands queued behind the batch waited as
    /// long and would wait as long again: they are refused at once too, so no caller waits more than about
    /// one busy timeout, however many are queued.
    /// </summary>
    private void FailAll(List<PendingWrite> pending, Exception exception)
    {
        var failed = new List<PendingWrite>(pending);
        if (engine.Classify(exception) == StorageFailure.Busy)
        {
            lock (gate)
            {
                failed.AddRange(queue);
                queue.Clear();
            }
        }

        logger.LogDebug(exception, "A batch of {Count} commands failed", failed.Count);
        foreach (var command in failed)
        {
            command.Fail(exception);
            command.Answer();
        }
    }

    /// <summary>
    /// One delivery of <see cref="deliveries"/>, in commit order: on SQLite inside a write turn, on PostgreSQL
    /// beside the next batches' appends (see <see cref="SqlEngine.ProjectsBesideAppends"/>).
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<StoredEvent> events, Account[] accounts)
    {
        if (events.Count == 0)
        {
            return;
        }

        var committed = new EventsAppended(events, accounts);
        try
        {
            await publisher.Publish(committed, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The events are committed and the commands are acknowledged whatever happens here: a projection
            // that fails now is brought up to date by the catch-up service.
            logger.LogWarning(exception, "Subscribers did not take positions {First}..{Last} now; catch-up will", committed.Events[0].Position, committed.Events[^1].Position);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Commands} commands ({Events} events) in one transaction")]
    private static partial void LogBatch(ILogger logger, int commands, int events);
}
