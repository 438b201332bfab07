using Ledger.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Web.Api;

/// <summary>/api/transfers: both legs in one atomic append.</summary>
internal static class TransferEndpoints
{
    public static void MapTransferEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/transfers", TransferAsync)
            .Sends<TransferMoneyCommand>()
            .WithTags("Transfers")
            .WithName("TransferMoney")
            .WithSummary("Move money between two accounts of one currency")
            .WithDescription("If-Match applies to the source account; the ETag answered is the source account's new version.")
            .AcceptsJson<TransferRequest>()
            .Produces<TransferResult>()
            .ProducesErrors(400, 404, 409, 412, 422);
    }

    private static async Task<IResult> TransferAsync(HttpRequest request, [AsParameters] CommandHeaders headers, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadBodyAsync<TransferRequest>(request, cancellationToken);
        var result = await mediator.Send(headers.Apply(body.ToCommand()), cancellationToken);
        CommandHeaders.Describe(request.HttpContext.Response, result.From.Version, result);
        return TypedResults.Ok(result);
    }
}
