using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Web.Api;

/// <summary>Inspecting the ledger: an account's statement (JSON or CSV), why a balance is what it is, and two moments compared.</summary>
internal static class InspectionEndpoints
{
    private const string KnownAtHelp = "Count only events recorded at or before this ISO 8601 time (default: everything recorded so far), so a report reads the same later.";

    /// <summary>The values of 'format'; an unknown one is refused rather than answered with JSON the caller did not ask for.</summary>
    private static readonly Dictionary<string, StatementFormat> StatementFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = StatementFormat.Json,
        ["csv"] = StatementFormat.Csv,
    };

    private enum StatementFormat
    {
        Json,
        Csv,
    }

    public static void MapInspectionEndpoints(this RouteGroupBuilder api)
    {
        api.MapRead("/accounts/{id}/statement", StatementAsync)
            .WithTags("Accounts")
            .WithName("GetStatement")
            .WithSummary("An account's statement for a period: opening balance, lines with the running balance, money in and out, closing balance")
            .WithDescription("JSON, or RFC 4180 CSV with Accept: text/csv (or format=csv). A period of more lines than one statement holds (Ledger:StatementMaxLines, 10,000) is 422 statement_too_long.")
            .Produces<StatementResponse>()
            .Produces<string>(StatusCodes.Status200OK, StatementCsv.ContentType)
            .ProducesErrors(400, 404, 422);

        api.MapRead("/accounts/{id}/explain", ExplainAsync)
            .WithTags("Accounts")
            .WithName("ExplainBalance")
            .WithSummary("Why a balance is what it is: the snapshot used, the events after it, replayed, and whether the replay equals the read model")
            .WithDescription("Every event after the snapshot is replayed; the last Ledger:ExplainMaxSteps (500) are listed and omittedEvents counts the earlier ones.")
            .Produces<ExplainResponse>()
            .ProducesErrors(400, 404);

        api.MapRead("/compare", CompareAsync)
            .WithTags("Ledger")
            .WithName("CompareMoments")
            .WithSummary("Every account at two moments: balances, difference, events in between, and totals per currency the rows add up to")
            .Produces<CompareResponse>()
            .ProducesErrors(400);
    }

    private static async Task<IResult> StatementAsync(
        string id,
        HttpRequest request,
        [Description("Start of the period, inclusive (ISO 8601 with Z or an offset); default the beginning.")] string? from,
        [Description("End of the period, inclusive; default now.")] string? to,
        [Description(KnownAtHelp)] string? knownAt,
        [Description("csv for a CSV file (as Accept: text/csv does), json for JSON whatever Accept says; default by Accept.")] string? format,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        var query = new GetStatementQuery(id, QueryValues.Timestamp(from, "from"), QueryValues.Timestamp(to, "to"), QueryValues.Timestamp(knownAt, "knownAt"));
        var asked = QueryValues.Enum(format, "format", StatementFormats);
        if (query.From > query.To)
        {
            throw DomainException.Invalid("from", "'from' must not be after 'to'.");
        }

        var statement = await mediator.Send(query, cancellationToken) ?? throw NotFound(id);
        if (query.From is null)
        {
            statement = FromTheFirstLine(statement);
        }

        if ((asked ?? FormatAccepted(request)) == StatementFormat.Csv)
        {
            var fileName = $"statement-{statement.AccountId}-{statement.From.UtcDateTime:yyyyMMdd}-{statement.To.UtcDateTime:yyyyMMdd}.csv";
            return TypedResults.File(StatementCsv.Write(statement), StatementCsv.ContentType, fileName);
        }

        return TypedResults.Ok(StatementResponse.Of(statement));
    }

    private static async Task<IResult> ExplainAsync(
        string id,
        [Description("Explain the balance right after this event number.")] string? version,
        [Description("Explain the balance at this ISO 8601 time (with Z or an offset).")] string? at,
        [Description(KnownAtHelp + " With version: 404 if that event was not recorded yet.")] string? knownAt,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        var atVersion = QueryValues.Long(version, "version", 1);
        var atTime = QueryValues.Timestamp(at, "at");
        var knownAtTime = QueryValues.Timestamp(knownAt, "knownAt");
        if (atVersion is not null && atTime is not null)
        {
            throw DomainException.Invalid("version", "Give at most one of 'version' or 'at'.");
        }

        if (atVersion is { } v && knownAtTime is { } known && !await KnownVersions.WasRecordedByAsync(mediator, id, v, known, cancellationToken))
        {
            throw new DomainException(ErrorCodes.AccountNotFound, KnownVersions.NoSuchVersion(id, v, known));
        }

        // Without version or at the query reads the read model, which knows everything recorded. The balance as
        // known at K is the last of the events recorded by then, whenever they occurred: asked as a moment no
        // event comes after, it counts them all, a future-dated one within the clock skew too, as the read model did.
        if (atVersion is null && atTime is null && knownAtTime is not null)
        {
            atTime = KnownAt.Everything;
        }

        var explanation = await mediator.Send(new ExplainBalanceQuery(id, atVersion, atTime, knownAtTime), cancellationToken);
        return TypedResults.Ok(ExplainResponse.From(explanation ?? throw NotFound(id)));
    }

    private static async Task<IResult> CompareAsync(
        [Description("The first moment (ISO 8601 with Z or an offset). Required.")] string? from,
        [Description("The second moment; default now.")] string? to,
        [Description(KnownAtHelp)] string? knownAt,
        [FromServices] LedgerMediator mediator,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var start = QueryValues.Timestamp(from, "from") ?? throw DomainException.Invalid("from", "'from' is required: the first moment to compare.");
        var end = QueryValues.Timestamp(to, "to");
        if (start > (end ?? time.GetUtcNow()))
        {
            // Backwards, "opened in between" and every difference would read the wrong way round; as the statement says.
            throw DomainException.Invalid("from", end is null ? "'from' must not be after 'to' (now)." : "'from' must not be after 'to'.");
        }

        var view = await mediator.Send(new GetComparisonQuery(start, end, QueryValues.Timestamp(knownAt, "knownAt")), cancellationToken);
        return TypedResults.Ok(CompareResponse.Of(view));
    }

    private static StatementFormat FormatAccepted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(StatementCsv.ContentType, StringComparison.OrdinalIgnoreCase))
            ? StatementFormat.Csv
            : StatementFormat.Json;

    /// <summary>
    /// Without 'from' the statement covers the account from its beginning. The query stands for "the beginning"
    /// with the earliest instant the databases store (2 January of year 1), which means nothing to a reader, so the
    /// period is shown from the account's first line, its opening; with no line (nothing yet at 'to', or as known
    /// then) it is the empty period at 'to'.
    /// </summary>
    private static StatementView FromTheFirstLine(StatementView statement) =>
        statement with { From = statement.Lines.Count > 0 ? statement.Lines.Min(l => l.OccurredAt) : statement.To };

    private static DomainException NotFound(string id) => new(ErrorCodes.AccountNotFound, $"Account '{id}' does not exist (or did not exist then).");
}
