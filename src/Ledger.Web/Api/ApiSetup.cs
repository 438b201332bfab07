using Ledger.Web.Api;

// In the Ledger.Web namespace so that Program.cs needs no extra using for its two calls.
namespace Ledger.Web;

/// <summary>The JSON HTTP API of shared/API.md: services, then routes.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddLedgerApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options =>
        {
            // HEAD is every read's GET without the content (ReadRoutes); listing it twice would say nothing more.
            options.ShouldInclude = description => IsApiPath("/" + description.RelativePath) && !HttpMethods.IsHead(description.HttpMethod ?? "");
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Ledger API";
                document.Info.Description =
                    "Event-sourced bank ledger. Errors are application/problem+json with a stable `code`. " +
                    "Commands take Idempotency-Key and If-Match; responses carry ETag (the account's version).";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Amounts are exact decimals, not doubles: say so, so generated clients do not round them.
                if (context.JsonTypeInfo.Type == typeof(decimal) || context.JsonTypeInfo.Type == typeof(decimal?))
                {
                    schema.Format = "decimal";
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Every read under /api takes Ledger-Position (see ReadPositionFilter); /health is no read of the ledger.
                if (HttpMethods.IsGet(context.Description.HttpMethod ?? "") && context.Description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(ReadPositionFilter.Parameter);
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiErrorFilter>().AddEndpointFilter<ReadPositionFilter>();
        api.MapAccountEndpoints();
        api.MapTransferEndpoints();
        api.MapQueryEndpoints();
        api.MapInspectionEndpoints();

        endpoints.MapGroup("").AddEndpointFilter<ApiErrorFilter>().MapHealthEndpoint();
        endpoints.MapOpenApi().TakesReadsOnly();
        return endpoints;
    }

    internal static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path.Value);

    private static bool IsApiPath(string? path) =>
        path is not null && (
            path.Equals("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/openapi/", StringComparison.OrdinalIgnoreCase));
}
