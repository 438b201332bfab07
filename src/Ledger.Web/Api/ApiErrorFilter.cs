namespace Ledger.Web.Api;

/// <summary>
/// Wraps every API endpoint, so each refusal becomes its problem response and anything unexpected a
/// bare 500, in every environment (the developer exception page never sees an API request).
/// </summary>
internal sealed partial class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException refused)
        {
            LogRefused(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, refused.Code, refused.Field);
            if (refused is CommandRefusedException { Replayed: true })
            {
                context.HttpContext.Response.Headers[CommandHeaders.IdempotencyReplayedHeader] = "true";
            }

            return ProblemMapping.For(refused).ToResult();
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            throw;
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ProblemMapping.Unexpected().ToResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API {Method} {Path} refused: {Code} ({Field})")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string code, string? field);

    [LoggerMessage(Level = LogLevel.Error, Message = "API {Method} {Path} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
