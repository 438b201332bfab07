using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// Read-your-writes on the instance that took a command: its answer's position goes to the <see cref="ReadFence"/>,
/// so every read on this instance after the answer waits until the projections reflect it (see
/// <see cref="ReadFenceBehavior{TMessage, TResponse}"/>), whichever instance applies them. With
/// <see cref="LedgerOptions.AnswerAfterProjections"/> the answer itself waits, as something reading the tables
/// with its own SQL needs. A replay answers with the first answer's position, found again from the account
/// versions its stored result names (the head only if those events cannot be found, which waits at least as
/// long). Nothing here turns an acknowledged command into an error.
/// </summary>
public sealed class ReadYourWritesBehavior<TMessage, TResponse>(
    ReadFence fence,
    IDbContextFactory<LedgerDbContext> contexts,
    IOptions<LedgerOptions> options,
    ILogger<ReadYourWritesBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
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
                outcome.Position = await db.PositionOfAsync(outcome.LeftAt(), cancellationToken) ?? await db.HeadPositionAsync(cancellationToken);
            }

            fence.Answer(outcome.Position);
            if (options.Value.AnswerAfterProjections)
            {
                await fence.WaitAsync(outcome.Position, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Answering {Command} without its read-your-writes position ({Reason})", typeof(TMessage).Name, exception.Message.ReplaceLineEndings(" "));
        }
        catch (OperationCanceledException)
        {
            // The caller went away: the command stands, nobody is waiting for the read model.
        }

        return response;
    }
}
