using Ledger.Domain;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Application.Access;
using Ledger.Web.Access;
using Ledger.Web.Components.Layout;
using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Components.Shared;
using Ledger.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ledger.Web.Tests.Components.Access;

/// <summary>
/// With sign-in on, a control the signed-in role may not use is disabled and says which role it needs; its shortcut
/// answers instead of opening a dialog. The server refuses anyway (see the backup check here, and the API and
/// pipeline suites).
/// </summary>
public sealed class RoleControlsTests : LedgerUiContext
{
    private static readonly UserAccess Viewer = new(true, "vera", LedgerRoles.Viewer);
    private static readonly UserAccess Clerk = new(true, "carl", LedgerRoles.Clerk);

    [Fact]
    public async Task AClerk_MayMoveMoney_ButCloseAccountIsDisabled_AndSaysItNeedsAnAdmin()
    {
        var account = await OpenAsync("A", "EUR", 10m);
        RenderProviders();

        var cut = Render<AccountHeader>(p => p.Add(c => c.Account, account).AddCascadingValue(Clerk));

        Assert.Equal(["Deposit", "Withdraw", "Transfer"], Enabled(cut));
        var close = cut.FindAll("[role=toolbar][aria-label='Account actions'] button").Single(b => b.TextContent.Trim() == "Close account");
        Assert.True(close.HasAttribute("disabled"));
        Assert.Contains("Needs the admin role (you are a clerk)", cut.FindComponents<MudBlazor.MudTooltip>().Select(t => t.Instance.Text));
    }

    [Fact]
    public async Task AViewer_SeesEveryActionDisabled_AndAShortcutSaysWhyInsteadOfOpeningADialog()
    {
        var account = await OpenAsync("A", "EUR", 10m);
        var providers = RenderProviders();
        var cut = Render<AccountHeader>(p => p.Add(c => c.Account, account).AddCascadingValue(Viewer));

        await Services.GetRequiredService<ShortcutService>().OnShortcut("D");

        Assert.Empty(Enabled(cut));
        // Reading is a viewer's right: the statement and the explanation stay open.
        Assert.All(cut.FindAll("[role=toolbar][aria-label='Inspect account'] button"), b => Assert.False(b.HasAttribute("disabled")));
        providers.WaitForAssertion(() => Assert.Contains("Needs the clerk role (you are a viewer).", providers.Markup, StringComparison.Ordinal));
        Assert.Empty(providers.FindAll(".mud-dialog"));
    }

    [Fact]
    public void TheAppBar_ShowsWhoIsSignedIn_AndSignOut_OnlyWithSignInOn()
    {
        var signedIn = Render<UserMenu>(p => p.AddCascadingValue(Clerk));
        Assert.Equal("carl", signedIn.Find("[aria-label='Signed in as']").TextContent);
        Assert.Equal("Sign out", signedIn.Find("form[action=logout] button[type=submit]").TextContent.Trim());

        Assert.Empty(Render<UserMenu>(p => p.AddCascadingValue(UserAccess.Unrestricted)).Markup.Trim());
    }

    [Fact]
    public async Task BackUpNow_IsRefusedByTheServerToAClerk_WhateverTheButtonShows()
    {
        var backups = new DatabaseBackups(
            Services.GetRequiredService<IOptions<LedgerOptions>>(),
            TimeProvider.System,
            new AccessGate(Options.Create(new AccessOptions { SignInRequired = true })));

        using (Caller.Use(new Caller("carl", LedgerRoles.Clerk)))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => backups.BackUpNowAsync(CancellationToken.None));
            Assert.Equal(AccessCodes.Forbidden, refused.Code);
        }

        Assert.Empty(Directory.GetFiles(backups.Folder, Path.GetFileNameWithoutExtension(((SqliteTestDatabase)Database).Path) + "-backup-*"));
    }

    private static string[] Enabled(IRenderedComponent<AccountHeader> cut) =>
        cut.FindAll("[role=toolbar][aria-label='Account actions'] button").Where(b => b.TextContent.Trim().Length > 0 && !b.HasAttribute("disabled")).Select(b => b.TextContent.Trim()).ToArray();
}
