using Microsoft.AspNetCore.Identity;

namespace Ledger.Web.Access;

/// <summary>
/// The sign-in page's one action. An unknown name costs a password hash too, so the time an answer takes does not
/// tell which names exist; the answer itself is the same for a wrong password, an unknown name and a locked user.
/// The password is never logged, nor a name that is not a user's (it may be a password typed in the wrong box).
/// </summary>
internal sealed partial class PasswordSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, ILogger<PasswordSignIn> logger)
{
    private static readonly IdentityUser Nobody = new("nobody");
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<IdentityUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public async Task<bool> SignInAsync(string userName, string password)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
            LogUnknownName(logger);
            return false;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(logger, user.UserName!);
        }
        else if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.UserName!);
        }
        else
        {
            LogWrongPassword(logger, user.UserName!);
        }

        return result.Succeeded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in")]
    private static partial void LogSignedIn(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: wrong password for {User}")]
    private static partial void LogWrongPassword(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: {User} is locked out after too many failed attempts")]
    private static partial void LogLockedOut(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: no such user (the name is not logged)")]
    private static partial void LogUnknownName(ILogger logger);
}
