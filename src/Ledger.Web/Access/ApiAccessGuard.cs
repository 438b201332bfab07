using Ledger.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Web.Access;

/// <summary>
/// With sign-in on, every API request (and /metrics) passes here after authentication: anonymous gets 401
/// <c>unauthenticated</c> with <c>WWW-Authenticate: Bearer</c>, a role without the route's permission 403
/// <c>forbidden</c>, and a browser's unsafe request on its sign-in cookie needs the antiforgery token. What passes
/// runs as the signed-in <see cref="Caller"/>, so the commands it sends are checked again and recorded under that name.
/// </summary>
internal sealed partial class ApiAccessGuard(RequestDelegate next, IAntiforgery antiforgery, ILogger<ApiAccessGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        if (!IsGuarded(request) || endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        // The actor is who signed in; a header naming someone else is not even read.
        request.Headers.Remove(CommandHeaders.ActorHeader);
        var caller = LedgerPrincipal.CallerOf(context.User);
        if (caller is null)
        {
            // The handler's answer is cached for the request: this asks again only for why it failed.
            var reason = ApiTokenAuthentication.BearerToken(request) is null ? null : (await context.AuthenticateAsync()).Failure;
            if (reason is CommandRefusedException unreached)
            {
                // The token was not judged at all: the database did not answer. A 503 to try again, as for a command.
                await ProblemMapping.For(unreached).ToResult().ExecuteAsync(context);
                return;
            }

            var failure = reason?.Message;
            context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await RefuseAsync(context, AccessCodes.Unauthenticated, failure is null
                ? "Sign in first: send Authorization: Bearer <token> (make one with: tokens create NAME)."
                : failure + " Make a new one with: tokens create NAME.");
            return;
        }

        var permission = endpoint?.Metadata.GetMetadata<RequiresPermission>()?.Permission
            ?? (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? Permission.Read : Permission.ManageUsers);
        if (!LedgerRoles.Grants(caller.Role, permission))
        {
            LogForbidden(logger, caller.Name, caller.Role ?? "(none)", request.Method, request.Path.Value ?? "");
            await RefuseAsync(context, AccessCodes.Forbidden,
                $"{LedgerRoles.Describe(permission)} needs the {LedgerRoles.LeastFor(permission)} role; {caller.Name} is {caller.Role ?? "without a role"}.");
            return;
        }

        if (!IsSafe(request.Method) && context.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await RefuseAsync(context, AccessCodes.Forbidden,
                "A change made with a browser's sign-in cookie needs the antiforgery token in the RequestVerificationToken header. Scripts should use an API token instead.");
            return;
        }

        using (Caller.Use(caller))
        {
            await next(context);
        }
    }

    /// <summary>The API, its OpenAPI document and the metrics: what programs call, with a token.</summary>
    public static bool IsGuarded(HttpRequest request) =>
        ApiSetup.IsApiRequest(request) || request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static Task RefuseAsync(HttpContext context, string code, string message) =>
        ProblemMapping.For(new DomainException(code, message)).ToResult().ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {User} ({Role}) may not do that")]
    private static partial void LogForbidden(ILogger logger, string user, string role, string method, string path);
}
