namespace Ledger.Web.Api;

/// <summary>Turns a refusal into the status and problem body the contract (shared/API.md) promises.</summary>
public static class ProblemMapping
{
    public const string ContentType = "application/problem+json";

    /// <summary>Not a domain refusal: something broke. Never carries details of what.</summary>
    public const string InternalErrorCode = "internal_error";

    /// <summary>GET /health (or any request) could not reach the database.</summary>
    public const string DatabaseUnavailableCode = CommandErrorCodes.DatabaseUnavailable;

    /// <summary>
    /// How long a caller should wait before sending a 503 again. Short: a busy lock is usually released
    /// in moments, and a restarting server is back within seconds; a caller that keeps getting 503 backs off.
    /// </summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>HTTP level, not a domain refusal: an unsafe request or the Blazor hub from a page on another site.</summary>
    public const string ForbiddenOriginCode = "forbidden_origin";

    /// <summary>HTTP level: the Host header names no address this server listens on (DNS rebinding, or a wrong name).</summary>
    public const string HostNotAllowedCode = "host_not_allowed";

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        ErrorCodes.AccountNotFound => StatusCodes.Status404NotFound,
        CommandErrorCodes.ConcurrencyConflict or CommandErrorCodes.IdempotencyKeyReused or CommandErrorCodes.StreamUnreadable => StatusCodes.Status409Conflict,
        CommandErrorCodes.VersionMismatch => StatusCodes.Status412PreconditionFailed,
        CommandErrorCodes.DatabaseBusy or CommandErrorCodes.DatabaseUnavailable or CommandErrorCodes.ReadModelBehind => StatusCodes.Status503ServiceUnavailable,
        AccessCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        AccessCodes.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static ApiProblem For(DomainException refused)
    {
        var status = StatusFor(refused.Code);
        return new ApiProblem(TypeFor(status), TitleFor(status), status, refused.Message, refused.Code)
        {
            Errors = status == StatusCodes.Status400BadRequest
                ? new Dictionary<string, string[]> { [refused.Field ?? "body"] = [refused.Message] }
                : null,
        };
    }

    /// <summary>A problem of the HTTP level, not a domain refusal: the status's type and title, our code and words.</summary>
    public static ApiProblem Of(int status, string code, string detail) => new(TypeFor(status), TitleFor(status), status, detail, code);

    public static ApiProblem Unexpected() => new(
        TypeFor(StatusCodes.Status500InternalServerError),
        TitleFor(StatusCodes.Status500InternalServerError),
        StatusCodes.Status500InternalServerError,
        "The server could not complete the request. Nothing about the cause is shown here; it has been logged.",
        InternalErrorCode);

    public static ApiProblem DatabaseUnavailable() => new(
        TypeFor(StatusCodes.Status503ServiceUnavailable),
        TitleFor(StatusCodes.Status503ServiceUnavailable),
        StatusCodes.Status503ServiceUnavailable,
        "The ledger database did not answer.",
        DatabaseUnavailableCode);

    public static ApiProblem ForbiddenOrigin() => new(
        TypeFor(StatusCodes.Status403Forbidden),
        TitleFor(StatusCodes.Status403Forbidden),
        StatusCodes.Status403Forbidden,
        "The request came from a page on another site (its Origin header). Only pages of this ledger may change it.",
        ForbiddenOriginCode);

    public static ApiProblem HostNotAllowed() => new(
        TypeFor(StatusCodes.Status400BadRequest),
        TitleFor(StatusCodes.Status400BadRequest),
        StatusCodes.Status400BadRequest,
        "The Host header does not name an address this ledger listens on.",
        HostNotAllowedCode);

    /// <summary>The problem as a response; a 503 also says when to try again (Retry-After).</summary>
    public static IResult ToResult(this ApiProblem problem)
    {
        var json = TypedResults.Json(problem, ApiJson.Options, ContentType, problem.Status);
        return problem.Status == StatusCodes.Status503ServiceUnavailable ? new RetryLater(json) : json;
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Not signed in.",
        403 => "Forbidden.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "Conflict.",
        412 => "The account is not at the expected version.",
        422 => "A business rule refused the request.",
        503 => "Unavailable.",
        _ => "An unexpected error occurred.",
    };

    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
