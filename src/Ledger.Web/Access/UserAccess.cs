namespace Ledger.Web.Access;

/// <summary>
/// What the person using this circuit may do, cascaded to every component (see AccessCascade). Controls use it to
/// disable what the role does not permit; the server refuses those commands anyway, so it is a courtesy, not a lock.
/// </summary>
public sealed record UserAccess(bool SignInRequired, string? Name, string? Role)
{
    /// <summary>Sign-in off: one person on this machine, who may do everything.</summary>
    public static UserAccess Unrestricted { get; } = new(false, null, null);

    public bool Allows(Permission permission) => !SignInRequired || LedgerRoles.Grants(Role, permission);

    /// <summary>Why a control is unavailable, for its tooltip: "Needs the admin role (you are a clerk)".</summary>
    public string Needs(Permission permission) =>
        $"Needs the {LedgerRoles.LeastFor(permission)} role (you are {(Role is null ? "signed in without a role" : "a " + Role)})";
}

public static class UserAccessExtensions
{
    /// <summary>No cascade (a component rendered on its own, as in component tests) means sign-in is off.</summary>
    public static bool Permits(this UserAccess? access, Permission permission) => access?.Allows(permission) ?? true;
}
