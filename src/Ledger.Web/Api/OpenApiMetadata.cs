using Microsoft.OpenApi;

namespace Ledger.Web.Api;

internal static class OpenApiMetadata
{
    /// <summary>
    /// Documents the problem responses a route can give; every route can also answer 503 (the database is
    /// busy or unavailable, with Retry-After) and 500.
    /// </summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable).Append(StatusCodes.Status500InternalServerError).Distinct())
        {
            builder.Produces<ApiProblem>(status, ProblemMapping.ContentType);
        }

        return builder;
    }

    /// <summary>
    /// Documents a JSON request body without <c>Accepts</c>: that would also make routing answer a wrong
    /// Content-Type with its own bare 415, where the API wants its problem response naming the body.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var name = typeof(TBody).Name;
            var document = context.Document ?? throw new InvalidOperationException("No OpenAPI document to add the request schema to.");
            if (document.Components?.Schemas?.ContainsKey(name) != true)
            {
                document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken));
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) } },
            };
        });
}
