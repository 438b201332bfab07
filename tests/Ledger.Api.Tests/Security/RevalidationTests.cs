using System.Security.Claims;
using Ledger.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// An open page (a Blazor circuit) keeps the principal it signed in with; every minute the circuit asks whether that
/// still holds. A new role, a new password or removal ends it; nothing else does.
/// </summary>
public sealed class RevalidationTests(SignInApp app) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task AnUnchangedUser_StaysSignedIn()
    {
        await app.AddUserAsync("rita", LedgerRoles.Clerk);
        var principal = await PrincipalOfAsync("rita");

        Assert.True(await IsStillValidAsync(principal));
        Assert.True(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task ANewRole_EndsTheOpenSignIn_AndANewSignInHoldsAgain()
    {
        await app.AddUserAsync("rolf", LedgerRoles.Admin);
        var before = await PrincipalOfAsync("rolf");

        await app.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetRoleAsync("rolf", LedgerRoles.Viewer));

        Assert.False(await IsStillValidAsync(before));
        Assert.True(await IsStillValidAsync(await PrincipalOfAsync("rolf")));
    }

    [Fact]
    public async Task ANewPassword_EndsTheOpenSignIn()
    {
        await app.AddUserAsync("pia", LedgerRoles.Clerk);
        var before = await PrincipalOfAsync("pia");

        await app.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetPasswordAsync("pia", "pia's brand new passphrase"));

        Assert.False(await IsStillValidAsync(before));
    }

    [Fact]
    public async Task ARemovedUser_IsSignedOut()
    {
        await app.AddUserAsync("ron", LedgerRoles.Clerk);
        var before = await PrincipalOfAsync("ron");

        await app.InScopeAsync(s => s.GetRequiredService<UserDirectory>().RemoveAsync("ron"));

        Assert.False(await IsStillValidAsync(before));
    }

    [Fact]
    public async Task APrincipalWithoutItsSecurityStamp_IsNotTrusted()
    {
        await app.AddUserAsync("sam", LedgerRoles.Clerk);
        var full = await PrincipalOfAsync("sam");
        var stampType = app.Factory.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stripped = new ClaimsPrincipal(new ClaimsIdentity(full.Claims.Where(c => c.Type != stampType), IdentityConstants.ApplicationScheme));

        Assert.True(await IsStillValidAsync(full));
        Assert.False(await IsStillValidAsync(stripped));
    }

    /// <summary>The principal a sign-in as <paramref name="name"/> puts in its cookie now.</summary>
    private Task<ClaimsPrincipal> PrincipalOfAsync(string name) =>
        app.InScopeAsync(async s => await s.GetRequiredService<SignInManager<IdentityUser>>()
            .CreateUserPrincipalAsync(await s.GetRequiredService<UserDirectory>().FindAsync(name)));

    private async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var services = app.Factory.Services;
        using var state = new RevalidatingUserState(
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IOptions<IdentityOptions>>());
        return await state.IsStillValidAsync(principal);
    }
}
