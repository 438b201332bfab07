namespace Ledger.Infrastructure.Application.Access;

/// <summary>What a signed-in person may do. Every check in the app (API, UI, mediator pipeline) asks for one of these.</summary>
public enum Permission
{
    /// <summary>See accounts, events, balances, statuses.</summary>
    Read,

    /// <summary>Deposits, withdrawals and transfers.</summary>
    MoveMoney,

    /// <summary>Open and close accounts (and load the sample ledger, which opens a dozen).</summary>
    ManageAccounts,

    /// <summary>Rebuild projections, back up the database.</summary>
    Operate,

    /// <summary>Users and API tokens.</summary>
    ManageUsers,
}

/// <summary>
/// The three roles and what each grants; each role includes the one below it. This table and
/// <see cref="CommandPermissions"/> are the whole access policy.
/// </summary>
public static class LedgerRoles
{
    public const string Viewer = "viewer";
    public const string Clerk = "clerk";
    public const string Admin = "admin";

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Clerk, Admin];

    public static bool IsRole(string? role) => role is Viewer or Clerk or Admin;

    /// <summary>0 for viewer up to 2 for admin; -1 for anything else.</summary>
    public static int Rank(string? role) => role switch
    {
        Viewer => 0,
        Clerk => 1,
        Admin => 2,
        _ => -1,
    };

    public static bool Grants(string? role, Permission permission) => permission switch
    {
        Permission.Read => IsRole(role),
        Permission.MoveMoney => role is Clerk or Admin,
        _ => role is Admin,
    };

    /// <summary>The least role that grants <paramref name="permission"/>, for messages.</summary>
    public static string LeastFor(Permission permission) => All.First(role => Grants(role, permission));

    /// <summary>The permission in words, completing "... needs the clerk role": "Moving money".</summary>
    public static string Describe(Permission permission) => permission switch
    {
        Permission.Read => "Reading the ledger",
        Permission.MoveMoney => "Depositing, withdrawing and transferring",
        Permission.ManageAccounts => "Opening and closing accounts",
        Permission.Operate => "Rebuilding projections and taking backups",
        _ => "Managing users and tokens",
    };
}
