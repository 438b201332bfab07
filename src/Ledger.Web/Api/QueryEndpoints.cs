using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Web.Api;

/// <summary>Ledger-wide reads: balances as of a moment, the global event feed, status and health.</summary>
internal static partial class QueryEndpoints
{
    public static void MapQueryEndpoints(this RouteGroupBuilder api)
    {
        api.MapRead("/balances", BalancesAsync)
            .WithTags("Ledger")
            .WithName("GetBalances")
            .WithSummary("One page of account balances and the totals per currency over every account, now or as of a moment")
            .Produces<BalancesResponse>()
            .ProducesErrors(400);

        api.MapRead("/events", FeedAsync)
            .WithTags("Ledger")
            .WithName("GetEventFeed")
            .WithSummary("All events in global order after a position")
            .Produces<EventFeedPage>()
            .ProducesErrors(400);

        api.MapRead("/status", StatusAsync)
            .WithTags("Ledger")
            .WithName("GetStatus")
            .WithSummary("Event count, head position and each projection's lag")
            .Produces<StatusResponse>()
            .ProducesErrors(400);
    }

    public static void MapHealthEndpoint(this RouteGroupBuilder root)
    {
        root.MapRead("/health", HealthAsync)
            .AllowAnonymous()
            .WithTags("Ledger")
            .WithName("Health")
            .WithSummary("200 when the database answers")
            .Produces<HealthResponse>()
            .ProducesErrors(503);
    }

    private static async Task<IResult> BalancesAsync(
        [Description("ISO 8601 time with Z or an offset; default now.")] string? at,
        [Description("1 or more; default 1.")] string? page,
        [Description("1 to 500; default 100.")] string? pageSize,
        [Description("Count only events recorded at or before this ISO 8601 time (default: everything recorded so far), so a report reads the same later.")] string? knownAt,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        var query = new GetBalancesAsOfQuery(
            QueryValues.Timestamp(at, "at"),
            QueryValues.Int(page, "page", 1, 1, int.MaxValue / GetBalancesAsOfQuery.MaxPageSize),
            QueryValues.Int(pageSize, "pageSize", GetBalancesAsOfQuery.DefaultPageSize, 1, GetBalancesAsOfQuery.MaxPageSize),
            KnownAt: QueryValues.Timestamp(knownAt, "knownAt"));
        return TypedResults.Ok(BalancesResponse.From(await mediator.Send(query, cancellationToken)));
    }

    private static async Task<IResult> FeedAsync(
        [Description("Return events after this global position; default 0.")] string? after,
        [Description("1 to 1000; default 100.")] string? limit,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        var query = new GetEventFeedQuery(
            QueryValues.Long(after, "after", 0) ?? 0,
            QueryValues.Int(limit, "limit", 100, 1, GetAccountEventsQuery.MaxLimit));
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static async Task<IResult> StatusAsync([FromServices] LedgerMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(StatusResponse.From(await mediator.Send(new GetLedgerStatusQuery(), cancellationToken)));

    private static async Task<IResult> HealthAsync([FromServices] LedgerMediator mediator, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new GetLedgerStatusQuery(), cancellationToken);
            return TypedResults.Ok(new HealthResponse("healthy"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnhealthy(loggers.CreateLogger(typeof(QueryEndpoints)), exception);
            return ProblemMapping.DatabaseUnavailable().ToResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the database did not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
