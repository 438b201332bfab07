using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Access;

/// <summary>Stable codes of access refusals (see shared/API.md, "Sign-in").</summary>
public static class AccessCodes
{
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
}

/// <summary>The one check: may the current <see cref="Caller"/> do this? Used by the command pipeline and by actions outside it (backups).</summary>
public sealed class AccessGate(IOptions<AccessOptions> options)
{
    public bool SignInRequired => options.Value.SignInRequired;

    /// <summary>Returns the caller (null with sign-in off); throws a <see cref="DomainException"/> with a stable code when refused.</summary>
    public Caller? Demand(Permission permission)
    {
        if (!SignInRequired)
        {
            return null;
        }

        var caller = Caller.Current
            ?? throw new DomainException(AccessCodes.Unauthenticated, "Sign in first: this ledger records who does what.");
        if (!LedgerRoles.Grants(caller.Role, permission))
        {
            throw new DomainException(AccessCodes.Forbidden,
                $"{LedgerRoles.Describe(permission)} needs the {LedgerRoles.LeastFor(permission)} role; {caller.Name} is {Article(caller.Role)}.");
        }

        return caller;
    }

    private static string Article(string? role) => role is null ? "signed in without a role" : (role.StartsWith('a') ? "an " : "a ") + role;
}
