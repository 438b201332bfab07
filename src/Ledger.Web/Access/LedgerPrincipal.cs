using System.Security.Claims;

namespace Ledger.Web.Access;

/// <summary>What the app reads from a signed-in principal (a sign-in cookie or an API token): a name and one role.</summary>
public static class LedgerPrincipal
{
    /// <summary>The highest ledger role among the principal's role claims; null for anyone else.</summary>
    public static string? RoleOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(LedgerRoles.IsRole).MaxBy(LedgerRoles.Rank);

    /// <summary>The caller the command pipeline sees; null when nobody is signed in.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? new Caller(name, RoleOf(user)) : null;

    public static ClaimsPrincipal For(string name, string? role, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
