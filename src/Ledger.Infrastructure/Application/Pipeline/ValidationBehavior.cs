namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// Refuses a command whose envelope (id, actor, correlation id) is malformed before anything is loaded
/// or locked. Its body is checked once, when the handler builds the domain's command from it.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        message.ValidateEnvelope();
        return next(message, cancellationToken);
    }
}
