using Ledger.Infrastructure.Application.Pipeline;
using Microsoft.OpenApi;

namespace Ledger.Web.Api;

/// <summary>
/// <c>Ledger-Position: n</c> on a read: answer only once the read model reflects position n, the position a
/// command answered with. The instance that took a command does that for its own answers anyway; this lets a
/// client behind a load balancer read its own write on any instance. Commands ignore it (they decide on the
/// event store, always current).
/// </summary>
internal sealed class ReadPositionFilter : IEndpointFilter
{
    /// <summary>The header as the OpenAPI document lists it on every read.</summary>
    public static OpenApiParameter Parameter { get; } = new()
    {
        Name = CommandHeaders.PositionHeader,
        In = ParameterLocation.Header,
        Required = false,
        Description = "A position a command answered with (its Ledger-Position): the read answers once this instance's read model reflects it, "
            + "so a client reads its own write on any instance. A position not written yet is 400 validation_failed.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Headers.TryGetValue(CommandHeaders.PositionHeader, out var values))
        {
            return await next(context);
        }

        using (ReadAfter.Use(Parse(values)))
        {
            return await next(context);
        }
    }

    private static long Parse(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw DomainException.Invalid(
                CommandHeaders.PositionHeader,
                "Ledger-Position must be one whole number from 0 up: the position a command answered with.");
}
