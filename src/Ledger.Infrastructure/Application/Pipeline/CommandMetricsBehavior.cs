using System.Diagnostics;
using Ledger.Domain;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// Counts every command's outcome by type and, for refusals, by stable error code, inside a
/// <c>command {Type}</c> span that the append and projection spans hang under.
/// </summary>
public sealed class CommandMetricsBehavior<TMessage, TResponse>(LedgerMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    private static readonly string CommandType = typeof(TMessage).Name;
    private static readonly string SpanName = "command " + CommandType;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var span = LedgerTelemetry.Source.StartActivity(SpanName);
        span?.SetTag(LedgerTelemetry.CommandTypeTag, CommandType);
        span?.SetTag(LedgerTelemetry.CommandIdTag, message.CommandId);
        try
        {
            var response = await next(message, cancellationToken);
            metrics.CommandHandled(CommandType);
            span?.SetTag(LedgerTelemetry.OutcomeTag, response is CommandOutcome { Replayed: true } ? "replayed" : "handled");
            return response;
        }
        catch (DomainException refused)
        {
            metrics.CommandRejected(CommandType, refused.Code);
            span?.SetTag(LedgerTelemetry.OutcomeTag, "rejected");
            span?.SetTag(LedgerTelemetry.ErrorCodeTag, refused.Code);
            span?.SetStatus(ActivityStatusCode.Error, refused.Code);
            throw;
        }
        catch (Exception failed) when (span is not null)
        {
            span.SetTag(LedgerTelemetry.OutcomeTag, "failed");
            span.SetStatus(ActivityStatusCode.Error, failed.GetType().Name);
            span.AddException(failed);
            throw;
        }
    }
}
