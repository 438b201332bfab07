using Ledger.Infrastructure.Application.Queries;
using Microsoft.Extensions.Hosting;

namespace Ledger.Infrastructure.Diagnostics;

/// <summary>
/// At start, names in the log every kind of stored event this build cannot read (after a rollback to an
/// older Ledger, say), so an operator hears of it before a user does. Runs once, in the background.
/// </summary>
public sealed partial class UnreadableEventsReport(IMediator mediator, ILogger<UnreadableEventsReport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var kind in await mediator.Send(new GetUnreadableEventKindsQuery(), stoppingToken))
            {
                LogUnreadable(logger, kind.Count, kind.Type, kind.SchemaVersion, kind.FirstPosition, kind.Reason);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} stored {Type} v{Schema} events (the first at position {Position}) cannot be read by this build: {Reason}. Their accounts are quarantined; every other account works")]
    private static partial void LogUnreadable(ILogger logger, long count, string type, int schema, long position, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the store for events this build cannot read")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
