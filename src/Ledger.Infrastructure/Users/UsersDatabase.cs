using Ledger.Infrastructure.Application.Access;
using Ledger.Infrastructure.Users.Model;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Users;

/// <summary>Brings the users' tables up to date and makes sure the three roles exist. Call after <c>LedgerDatabase.InitializeAsync</c>.</summary>
public static class UsersDatabase
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UsersDbContext>().Database.MigrateAsync(cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in LedgerRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create the role '{role}': {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
