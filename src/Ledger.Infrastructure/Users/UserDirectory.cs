using Ledger.Infrastructure.Application.Access;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Users;

/// <summary>A user as the command line lists it.</summary>
public sealed record UserSummary(string Name, string? Role, DateTimeOffset? LockedOutUntil);

/// <summary>
/// Adds, lists, changes and removes users through Identity's <see cref="UserManager{TUser}"/>, so passwords are hashed
/// and validated the one way the sign-in page checks them. Each user has exactly one of <see cref="LedgerRoles"/>.
/// </summary>
public sealed class UserDirectory(UserManager<IdentityUser> users, TimeProvider time)
{
    /// <summary>A user name is an event's actor, so it must fit there; Identity limits the characters.</summary>
    public const int MaxNameLength = 64;

    public async Task AddAsync(string name, string role, string password)
    {
        CheckName(name);
        CheckRole(role);
        if (await users.FindByNameAsync(name) is not null)
        {
            throw new UsersRefusedException($"There is already a user '{name}'.");
        }

        var user = new IdentityUser(name);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var now = time.GetUtcNow();
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync();
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var locked = user.LockoutEnd is { } end && end > now ? end : (DateTimeOffset?)null;
            summaries.Add(new UserSummary(user.UserName!, await RoleOfAsync(user), locked));
        }

        return summaries;
    }

    public async Task RemoveAsync(string name)
    {
        var user = await FindAsync(name);
        Check(await users.DeleteAsync(user));
    }

    public async Task SetRoleAsync(string name, string role)
    {
        CheckRole(role);
        var user = await FindAsync(name);
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role));

        // A new stamp ends the user's browser sign-ins at their next check (a minute at most): a demoted
        // clerk must not keep a clerk's cookie. Tokens read the role on every request anyway.
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Replaces the password, ends every browser sign-in of the user and lifts a lockout.</summary>
    public async Task SetPasswordAsync(string name, string password)
    {
        var user = await FindAsync(name);

        // Checked first: a refused password must not leave the user with none.
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password));
        }

        if (await users.HasPasswordAsync(user))
        {
            Check(await users.RemovePasswordAsync(user));
        }

        Check(await users.AddPasswordAsync(user, password));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<string?> RoleOfAsync(IdentityUser user) =>
        (await users.GetRolesAsync(user)).Where(LedgerRoles.IsRole).MaxBy(LedgerRoles.Rank);

    public async Task<IdentityUser> FindAsync(string name) =>
        await users.FindByNameAsync(name) ?? throw new UsersRefusedException($"There is no user '{name}'.");

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new UsersRefusedException($"A user name has 1 to {MaxNameLength} characters.");
        }
    }

    private static void CheckRole(string role)
    {
        if (!LedgerRoles.IsRole(role))
        {
            throw new UsersRefusedException($"The role must be one of {string.Join(", ", LedgerRoles.All)}; got '{role}'.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UsersRefusedException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
