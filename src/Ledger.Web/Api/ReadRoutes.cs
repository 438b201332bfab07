using Ledger.Web.Access;
using Microsoft.AspNetCore.Http.Features;

namespace Ledger.Web.Api;

/// <summary>
/// Every read answers HEAD as well as GET. RFC 9110 §9.3.2: HEAD is GET without the content, and a server that
/// takes GET takes HEAD; uptime monitors, load balancers and caches ask it. The handler is the GET's own, so the
/// status and headers (ETag, Ledger-Position, Content-Type) are the same; Kestrel sends no content for a HEAD.
/// OpenAPI lists the GET only (see <see cref="ApiSetup"/>): two operations per read would say nothing more.
/// </summary>
internal static class ReadRoutes
{
    public static IReadOnlyList<string> Methods { get; } = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, Methods, handler);

    /// <summary>
    /// A HEAD to a program's path (the API, /health, /openapi, /metrics) sends headers only, whatever the server:
    /// Kestrel drops a HEAD's content by itself, but a host that does not (a test server, a proxy in front of one)
    /// must not get a body either, refusals included. First in the pipeline, so every writer after it is covered.
    /// </summary>
    public static WebApplication UseContentlessHead(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method) && ApiAccessGuard.IsGuarded(context.Request))
            {
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
            }

            return next(context);
        });
        return app;
    }

    /// <summary>For an endpoint a library maps (OpenAPI's document, Prometheus' scrape): GET and HEAD, nothing else.</summary>
    public static TBuilder TakesReadsOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpMethodMetadata(Methods));
}
