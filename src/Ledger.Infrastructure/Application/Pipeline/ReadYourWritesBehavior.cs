using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// Read-your-writes on the instance that took a command: its answer waits (at most
/// <see cref="LedgerOptions.ReadYourWritesTimeoutMilliseconds"/>) until every projection has reached the
/// command's position, so a read after the answer reflects it, whichever instance applies projections.
/// On the leader (and on SQLite) the projections were moved inside the write turn and this costs nothing.
/// A replay's position is the head when it is answered: at or after the first answer's, so waiting for it
/// is enough. The wait never turns an acknowledged command into an error: past the bound it answers anyway.
/// </summary>
public sealed class ReadYourWritesBehavior<TMessage, TResponse>(
    ProjectionProgress progress,
    ProjectionRunner runner,
    IDbContextFactory<LedgerDbContext> contexts,
    IOptions<LedgerOptions> options,
    ILogger<ReadYourWritesBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    /// <summary>How often a waiting answer re-reads the checkpoints, in case the wake-up it waits for was lost.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(200);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (response is not CommandOutcome outcome)
        {
            return response;
        }

        // From here the command is acknowledged: nothing below may turn it into a failure.
        try
        {
            if (outcome.Position == 0)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                outcome.Position = await db.HeadPositionAsync(cancellationToken);
            }

            var timeout = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ReadYourWritesTimeoutMilliseconds));
            if (timeout > TimeSpan.Zero && !await progress.WaitAsync(outcome.Position, timeout, Recheck, RecheckAsync, cancellationToken))
            {
                logger.LogWarning("Answering {Command} before the projections reached position {Position} (waited {Timeout})", typeof(TMessage).Name, outcome.Position, timeout);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Answering {Command} without waiting for the projections ({Reason})", typeof(TMessage).Name, exception.Message.ReplaceLineEndings(" "));
        }
        catch (OperationCanceledException)
        {
            // The caller went away: the command stands, nobody is waiting for the read model.
        }

        return response;
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, position) in await runner.CheckpointsAsync(cancellationToken))
        {
            progress.Advance(name, position);
        }
    }
}
