using Ledger.Infrastructure.Application.Commands;
using Mediator;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>Refuses a malformed command before anything is loaded or locked.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        message.ValidateEnvelope();
        message.Validate();
        return next(message, cancellationToken);
    }
}
