using Ledger.Domain;
using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Diagnostics;
using Mediator;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>Counts every command's outcome by type and, for refusals, by stable error code.</summary>
public sealed class CommandMetricsBehavior<TMessage, TResponse>(LedgerMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            var response = await next(message, cancellationToken);
            metrics.CommandHandled(typeof(TMessage).Name);
            return response;
        }
        catch (DomainException refused)
        {
            metrics.CommandRejected(typeof(TMessage).Name, refused.Code);
            throw;
        }
    }
}
