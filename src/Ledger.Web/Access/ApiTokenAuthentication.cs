using System.Text.Encodings.Web;
using Ledger.Infrastructure.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Web.Access;

/// <summary>
/// <c>Authorization: Bearer ldg_...</c> on the API: the token's user and that user's role now. Each request reads the
/// token's row and the role again, so a revoked or expired token, a removed user or a changed role counts at once.
/// </summary>
internal sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LedgerToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await tokens.CheckAsync(token, Context.RequestAborted);
        return check.Valid
            ? AuthenticateResult.Success(new AuthenticationTicket(LedgerPrincipal.For(check.UserName!, check.Role, SchemeName), SchemeName))
            : AuthenticateResult.Fail(check.Failure!);
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header; null without one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
