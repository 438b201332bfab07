using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Web.Api;

/// <summary>
/// The last line behind <see cref="ApiErrorFilter"/>: an exception that escapes an API endpoint (while
/// its response is written, say) reaches the app's exception handler, which asks this first. API
/// callers get a problem+json 500 without details instead of the HTML error page.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiSetup.IsApiRequest(httpContext.Request) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        await ProblemMapping.Unexpected().ToResult().ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API {Method} {Path} failed outside its endpoint")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
