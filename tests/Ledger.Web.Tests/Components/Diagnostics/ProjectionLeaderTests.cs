using Ledger.Web.Components.Pages.Diagnostics;

namespace Ledger.Web.Tests.Components.Diagnostics;

/// <summary>The Projections panel says which instance applies the projections (issue 14, /api/status's projectionLeader).</summary>
public sealed class ProjectionLeaderTests : LedgerUiContext
{
    // The page reads nothing while prerendered (see Prerendered_ShowsTheLoadingBar...); these tests are of the circuit's page.
    public ProjectionLeaderTests() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task ALoneInstance_SaysItAlwaysAppliesTheProjections()
    {
        await OpenAsync("A", "EUR", 10m);
        RenderProviders();

        var cut = Render<DiagnosticsPage>();

        cut.WaitForAssertion(() => Assert.Equal("This instance (it always applies them)", Labels.Value(cut, "Applied by")));
    }

    [Fact]
    public void AFollower_SaysAnotherInstanceLeads_AndHowFarBehindItIs()
    {
        RenderProviders();
        var status = new LedgerStatusView(12, 12, [new ProjectionStatusView("account_balances", 9, 3, 0.5)], new DatabaseView("postgres", "db:5432/ledger", 0))
        {
            Leader = new ProjectionLeaderView(false, true, true, null, 3, 0.5),
        };

        var cut = Render<ProjectionsPanel>(p => p.Add(x => x.Status, status));

        Assert.Equal("Another instance (the elected leader); this one reads, 3 events behind", Labels.Value(cut, "Applied by"));
    }

    [Fact]
    public void DuringAnElection_SaysNoInstanceLeadsForTheMoment()
    {
        RenderProviders();
        var status = new LedgerStatusView(0, 0, [], new DatabaseView("postgres", "db:5432/ledger", 0))
        {
            Leader = new ProjectionLeaderView(false, true, false, null, 0, 0),
        };

        var cut = Render<ProjectionsPanel>(p => p.Add(x => x.Status, status));

        Assert.Equal("No instance at this moment: one takes over within seconds", Labels.Value(cut, "Applied by"));
    }
}
