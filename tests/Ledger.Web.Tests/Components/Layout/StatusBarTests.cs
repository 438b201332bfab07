using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Projections;
using Ledger.Web.Components.Layout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components.Layout;

public sealed class StatusBarTests : LedgerUiContext
{
    private readonly ManualTime time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public StatusBarTests() => Services.AddSingleton<TimeProvider>(time);

    [Fact]
    public async Task ProjectionLag_OverFiveSeconds_ShowsAWarning_ThatGoesOnceCaughtUp()
    {
        await OpenAsync("A", "EUR", 10m);
        await DepositAsync("A", 1m);
        await SetCheckpointsAsync(0);
        var cut = Render<StatusBar>();
        cut.WaitForAssertion(() => Assert.Equal("2 events", Labels.Value(cut, "Projection lag")));
        Assert.Empty(cut.FindAll("[role=alert]"));

        time.Advance(TimeSpan.FromSeconds(4));
        LookAgain(cut, () => Assert.Equal("2 events, 4 s", Labels.Value(cut, "Projection lag")));
        Assert.Empty(cut.FindAll("[role=alert]"));

        time.Advance(TimeSpan.FromSeconds(2));
        LookAgain(cut, () => Assert.Equal("2 events, 6 s", Labels.Value(cut, "Projection lag")));
        Assert.Equal("Read model more than 5 s behind: balances shown may be out of date", cut.Find("[role=alert]").TextContent.Trim());

        await SetCheckpointsAsync(2);
        LookAgain(cut, () => Assert.Equal("up to date", Labels.Value(cut, "Projection lag")));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task ProjectionLag_OfOneEvent_SaysEvent()
    {
        await OpenAsync("A", "EUR", 10m);
        await SetCheckpointsAsync(0);

        var cut = Render<StatusBar>();

        cut.WaitForAssertion(() => Assert.Equal("1 event", Labels.Value(cut, "Projection lag")));
    }

    /// <summary>Any notification makes the bar look again (its 3-second poll would too, only slower).</summary>
    private void LookAgain(IRenderedComponent<StatusBar> cut, Action expectation)
    {
        Services.GetRequiredService<ReadModelNotifier>().Publish(new ReadModelChange("test", [], 0));
        cut.WaitForAssertion(expectation);
    }

    /// <summary>Plays a stuck projection: its checkpoint set back by hand, with no catch-up service running.</summary>
    private async Task SetCheckpointsAsync(long position)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        await db.ProjectionCheckpoints.ExecuteUpdateAsync(c => c.SetProperty(x => x.Position, position));
    }
}
