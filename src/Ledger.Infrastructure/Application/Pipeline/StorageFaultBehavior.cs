namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A database that is busy or out of reach is a refusal the caller can act on (try again shortly), not an
/// unexpected failure: every command and query that fails so is answered with <c>database_busy</c> or
/// <c>database_unavailable</c>. It sits outside the write path, so such a refusal is never recorded under
/// the command's id: the same id, sent again once the database answers, is decided then.
/// </summary>
public sealed partial class StorageFaultBehavior<TMessage, TResponse>(SqlEngine engine, IOptions<LedgerOptions> options, ILogger<StorageFaultBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && engine.Classify(exception) is StorageFailure.Busy)
        {
            LogBusy(logger, exception, typeof(TMessage).Name);
            throw new CommandRefusedException(CommandErrorCodes.DatabaseBusy,
                $"The ledger database is busy: another process has held its write lock for longer than {options.Value.BusyTimeoutMilliseconds} ms. Nothing was written; try again in a moment.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException && engine.Classify(exception) is StorageFailure.Unavailable)
        {
            LogUnavailable(logger, exception, typeof(TMessage).Name);
            // Honest about the one case it cannot rule out: a commit whose acknowledgement was lost with the connection.
            throw new CommandRefusedException(CommandErrorCodes.DatabaseUnavailable,
                "The ledger database did not answer, so this request may not have been applied. Try again in a moment; a command sent again with the same id (Idempotency-Key) is applied at most once.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} refused: the database is busy")]
    private static partial void LogBusy(ILogger logger, Exception exception, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} refused: the database is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string message);
}
