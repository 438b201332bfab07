using System.Security.Claims;
using Ledger.Infrastructure.Application.Access;
using Ledger.Web.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ledger.Web.Tests.Components.Access;

/// <summary>
/// Whoever is signed in on a circuit is the caller of what each browser event starts, read afresh per event, and
/// with several role claims the highest ledger role counts.
/// </summary>
public sealed class CircuitCallerTests
{
    [Fact]
    public async Task EachBrowserEvent_RunsAsTheCircuitsSignedInUser_ReadAfresh()
    {
        var signedIn = new SwitchableState(LedgerPrincipal.For("carl", LedgerRoles.Clerk, "Identity.Application"));
        var seen = new List<Caller?>();
        var handler = new CallerCircuitHandler(signedIn).CreateInboundActivityHandler(_ =>
        {
            seen.Add(Caller.Current);
            return Task.CompletedTask;
        });

        await handler(null!);
        signedIn.User = new ClaimsPrincipal(new ClaimsIdentity());
        await handler(null!);

        Assert.Equal([new Caller("carl", LedgerRoles.Clerk), null], seen);
    }

    [Fact]
    public void WithSeveralRoleClaims_TheHighestLedgerRoleCounts_AndOtherRolesNone()
    {
        var identity = new ClaimsIdentity(
            [new(ClaimTypes.Name, "ada"), new(ClaimTypes.Role, LedgerRoles.Viewer), new(ClaimTypes.Role, LedgerRoles.Admin), new(ClaimTypes.Role, LedgerRoles.Clerk), new(ClaimTypes.Role, "superuser")],
            "Identity.Application");

        Assert.Equal(LedgerRoles.Admin, LedgerPrincipal.RoleOf(new ClaimsPrincipal(identity)));
        Assert.Null(LedgerPrincipal.RoleOf(LedgerPrincipal.For("eve", "superuser", "Identity.Application")));
    }

    /// <summary>The circuit's sign-in, which revalidation may end between two events.</summary>
    private sealed class SwitchableState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = user;

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}
