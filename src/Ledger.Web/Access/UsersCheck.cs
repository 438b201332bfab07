using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Web.Access;

/// <summary>Sign-in on with no users is a locked door without a key: tell the operator how to make one (and otherwise how many there are).</summary>
internal static class UsersCheck
{
    public static async Task WarnIfNoneAsync(WebApplication app)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.CountAsync();
            if (count == 0)
            {
                app.Logger.LogWarning("Sign-in is on but there are no users yet: add one with `users add NAME --role admin` (the password on standard input)");
            }
            else
            {
                app.Logger.LogInformation("Sign-in is on; users: {Count}", count);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            app.Logger.LogWarning(e, "Could not count the users");
        }
    }
}
