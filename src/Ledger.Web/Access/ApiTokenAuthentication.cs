using System.Text.Encodings.Web;
using Ledger.Infrastructure.Storage.Sql;
using Ledger.Infrastructure.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Web.Access;

/// <summary>
/// <c>Authorization: Bearer ldg_...</c> on the API: the token's user and that user's role now. Each request reads the
/// token's row and the role again, so a revoked or expired token, a removed user or a changed role counts at once.
/// A database that does not answer that read is not a bad token: the failure is the refusal a command would have got
/// (database_unavailable or database_busy), which <see cref="ApiAccessGuard"/> answers as a 503.
/// </summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenStore tokens, SqlEngine engine)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LedgerToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        ApiTokenCheck check;
        try
        {
            check = await tokens.CheckAsync(token, Context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && Unreached(exception) is { } refusal)
        {
            // Thrown on, it would reach the exception handler and become the sign-in page's redirect (or a 500).
            Logger.LogWarning(exception, "The API token could not be checked: the database did not answer");
            return AuthenticateResult.Fail(refusal);
        }

        return check.Valid
            ? AuthenticateResult.Success(new AuthenticationTicket(LedgerPrincipal.For(check.UserName!, check.Role, SchemeName), SchemeName))
            : AuthenticateResult.Fail(check.Failure!);
    }

    private CommandRefusedException? Unreached(Exception exception) => engine.Classify(exception) switch
    {
        StorageFailure.Unavailable => new CommandRefusedException(CommandErrorCodes.DatabaseUnavailable,
            "The ledger database did not answer, so your API token could not be checked and nothing was done. Try again in a moment."),
        StorageFailure.Busy => new CommandRefusedException(CommandErrorCodes.DatabaseBusy,
            "The ledger database is busy, so your API token could not be checked and nothing was done. Try again in a moment."),
        _ => null,
    };

    /// <summary>The token of an <c>Authorization: Bearer</c> header; null without one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
