using Ledger.Web.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Web.Security;

/// <summary>
/// Runs first on every request. A Host that does not name this server (DNS rebinding) gets 400; a request from a
/// page on another site (its Origin) gets 403 when it would change something or open the Blazor hub. Requests
/// without Origin (curl, scripts) are not from a browser page and pass.
/// </summary>
internal sealed partial class RequestGuard(RequestDelegate next, IServer server, IReadOnlyList<(string Host, int? Port)> extraHosts, ILogger<RequestGuard> logger)
{
    // Computed on the first request: only then has the server filled in the addresses it really listens on.
    private AllowedHosts? allowed;

    public async Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Add(context);
        var request = context.Request;
        if (!Allowed().Allows(request.Host, request.IsHttps))
        {
            LogHostRefused(logger, request.Host.Value ?? "", request.Method, request.Path.Value ?? "");
            await RefuseAsync(context, ProblemMapping.HostNotAllowed());
            return;
        }

        if (NeedsSameOrigin(request) && request.Headers.Origin is { Count: > 0 } origin && !Origins.IsSameOrigin(request, origin))
        {
            LogOriginRefused(logger, origin.ToString(), request.Method, request.Path.Value ?? "");
            await RefuseAsync(context, ProblemMapping.ForbiddenOrigin());
            return;
        }

        await next(context);
    }

    /// <summary>Anything that can change state: unsafe methods anywhere, and the Blazor hub (its circuit can move money).</summary>
    private static bool NeedsSameOrigin(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);

    private AllowedHosts Allowed()
    {
        if (allowed is { } known)
        {
            return known;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        known = AllowedHosts.From(addresses, extraHosts, AllowedHosts.MachineNames);
        LogAllowedHosts(logger, string.Join(", ", known.Describe()));
        return allowed = known;
    }

    /// <summary>API callers get the contract's problem+json; pages and the hub a plain status with one sentence.</summary>
    private static async Task RefuseAsync(HttpContext context, ApiProblem problem)
    {
        if (ApiSetup.IsApiRequest(context.Request))
        {
            await problem.ToResult().ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(problem.Detail);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Requests are accepted for these hosts: {Hosts}")]
    private static partial void LogAllowedHosts(ILogger logger, string hosts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: Host '{Host}' is not an address this ledger listens on")]
    private static partial void LogHostRefused(ILogger logger, string host, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: it came from a page on another site ({Origin})")]
    private static partial void LogOriginRefused(ILogger logger, string origin, string method, string path);
}
