using System.Diagnostics;
using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Infrastructure.Application.Pipeline;

/// <summary>
/// A command that lost an optimistic-concurrency race is decided again on fresh state, after a short
/// jittered pause, a bounded number of times. A command pinned to a version (If-Match) is not retried:
/// the version it was made against is gone, and that is what the caller must hear.
/// </summary>
public sealed class ConcurrencyRetryBehavior<TMessage, TResponse>(IOptions<LedgerOptions> options, LedgerMetrics metrics)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : LedgerCommand, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var retries = Math.Max(0, options.Value.MaxConcurrencyRetries);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (ConcurrencyException conflict)
            {
                metrics.ConcurrencyConflict(typeof(TMessage).Name);
                Activity.Current?.AddEvent(new ActivityEvent("concurrency conflict", tags: new ActivityTagsCollection
                {
                    [LedgerTelemetry.StreamTag] = conflict.StreamId,
                    ["ledger.attempt"] = attempt + 1,
                }));
                if (message.ExpectedVersion is not null)
                {
                    throw new CommandRefusedException(CommandErrorCodes.VersionMismatch,
                        $"The account changed while this command was being applied (now at version {conflict.ActualVersion}, not {message.ExpectedVersion}). Reload and try again.");
                }

                if (attempt >= retries)
                {
                    throw new CommandRefusedException(CommandErrorCodes.ConcurrencyConflict,
                        $"Other changes to '{conflict.StreamId}' kept arriving first; gave up after {attempt + 1} attempts. Try again.");
                }

                metrics.ConcurrencyRetry(typeof(TMessage).Name);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceilingMs = Math.Min(100, 2 << Math.Min(attempt, 6));
        return TimeSpan.FromMilliseconds(1 + Random.Shared.Next(ceilingMs));
    }
}
