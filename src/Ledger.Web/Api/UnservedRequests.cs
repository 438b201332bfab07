using Ledger.Web.Access;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Web.Api;

/// <summary>
/// What a request gets when no endpoint wrote an answer for it: a path nothing serves (404), a method its
/// path does not take (405). A program (the API, /health, /openapi, /metrics) gets problem+json with a
/// stable code, as every other API refusal; a person's browser gets the app's Not Found page for a page
/// it asked for, and the bare status for anything else: re-running a POST or DELETE against that page
/// would answer a different question (Blazor took it for a form post and said 400).
/// </summary>
public static class UnservedRequests
{
    public const string RouteNotFoundCode = "route_not_found";

    public const string MethodNotAllowedCode = "method_not_allowed";

    /// <summary>
    /// `dotnet run` serves wwwroot from the build's manifest and then also maps a catch-all GET and HEAD route for
    /// files added after the build (for hot reload). Ledger adds none, and that route turned every other method on
    /// every path into a 405 "takes GET, HEAD", even on paths nothing serves. This turns it off; published builds
    /// never map it.
    /// </summary>
    public static WebApplicationBuilder WithoutStaticFileFallback(this WebApplicationBuilder builder)
    {
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        return builder;
    }

    public static WebApplication UseLedgerStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(async (context, next) =>
        {
            var forPrograms = ApiAccessGuard.IsGuarded(context.Request);
            if (forPrograms || !IsPageRequest(context.Request.Method))
            {
                // Re-running this request against the Not Found page would answer another question (see above).
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            await next(context);
            if (forPrograms && IsUnexplained(context.Response))
            {
                await WriteProblemAsync(context);
            }
        });
        return app;
    }

    /// <summary>The problem for a status no endpoint explained; <paramref name="allow"/> is the 405's Allow header.</summary>
    public static ApiProblem ProblemFor(int status, string method, string path, string allow) => status switch
    {
        StatusCodes.Status404NotFound => ProblemMapping.Of(status, RouteNotFoundCode,
            $"Nothing here answers {method} {path}. The API's routes are listed at /openapi/v1.json."),
        StatusCodes.Status405MethodNotAllowed => ProblemMapping.Of(status, MethodNotAllowedCode,
            $"{path} does not take {method}; it takes {(allow.Length == 0 ? "other methods" : allow)}."),
        _ => ProblemMapping.Of(status, CodeFor(status), $"{method} {path} was refused: {ReasonPhrases.GetReasonPhrase(status)}."),
    };

    /// <summary>A status without a code of ours is named by its reason phrase, in the contract's snake_case ("payload_too_large").</summary>
    public static string CodeFor(int status)
    {
        var reason = ReasonPhrases.GetReasonPhrase(status);
        return reason.Length == 0
            ? "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : reason.ToLowerInvariant().Replace(' ', '_').Replace("-", "", StringComparison.Ordinal);
    }

    private static bool IsPageRequest(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    /// <summary>An error status with nothing written: what routing leaves (the same test as ASP.NET Core's status code pages).</summary>
    private static bool IsUnexplained(HttpResponse response) =>
        !response.HasStarted
        && response.StatusCode is >= 400 and < 600
        && response.ContentLength is null
        && string.IsNullOrEmpty(response.ContentType);

    private static Task WriteProblemAsync(HttpContext http)
    {
        var problem = ProblemFor(http.Response.StatusCode, http.Request.Method, http.Request.Path.Value ?? "/", http.Response.Headers.Allow.ToString());
        return problem.ToResult().ExecuteAsync(http);
    }
}
