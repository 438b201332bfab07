using Ledger.Infrastructure.Application.Access;
using Ledger.Web.Access;

namespace Ledger.Web.Tests.Components.Access;

/// <summary>What the cascaded access lets a control offer, with sign-in off and on.</summary>
public sealed class UserAccessTests
{
    [Fact]
    public void WithSignInOff_EveryControlIsOffered_CascadedOrNot()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(UserAccess.Unrestricted.Allows(p), p.ToString()));
        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(((UserAccess?)null).Permits(p), p.ToString()));
    }

    [Fact]
    public void WithSignInOn_ARoleIsOfferedWhatItGrants_AndNoRoleNothing()
    {
        var clerk = new UserAccess(true, "carl", LedgerRoles.Clerk);
        var nobody = new UserAccess(true, "nina", null);

        Assert.All(Enum.GetValues<Permission>(), p => Assert.Equal(LedgerRoles.Grants(LedgerRoles.Clerk, p), clerk.Permits(p)));
        Assert.True(clerk.Permits(Permission.MoveMoney));
        Assert.False(clerk.Permits(Permission.ManageUsers));
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(nobody.Permits(p), p.ToString()));
    }

    [Fact]
    public void TheTooltip_NamesTheRoleNeeded_AndTheUsersOwn()
    {
        Assert.Equal("Needs the admin role (you are a clerk)", new UserAccess(true, "carl", LedgerRoles.Clerk).Needs(Permission.ManageAccounts));
        Assert.Equal("Needs the clerk role (you are signed in without a role)", new UserAccess(true, "nina", null).Needs(Permission.MoveMoney));
    }
}
