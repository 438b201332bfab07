using Ledger.Infrastructure.Storage.Model;
using Ledger.Web.Components.Pages.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>Explain balance: the replay step by step, equal to the read model, and a loud flag when it is not.</summary>
public sealed class ExplainPanelTests : LedgerUiContext
{
    [Fact]
    public async Task Explain_ReplaysEveryEventStepByStep_ToTheBalanceShown()
    {
        await OpenAsync("E", "EUR", 10m);
        await DepositAsync("E", 5m);
        await Mediator.Send(new WithdrawMoneyCommand("E", 3m, "W"));

        var cut = Render<ExplainPanel>(p => p.Add(c => c.AccountId, "E"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("12.00 EUR", Labels.Value(cut, "Balance shown"));
            Assert.Equal("none: replayed from the first event", Labels.Value(cut, "Snapshot used"));
            var steps = cut.FindAll("[aria-label='Replay steps'] tbody tr");
            Assert.Equal(3, steps.Count);
            Assert.Contains("15.00", steps[1].TextContent);
            Assert.Contains("-3.00", steps[2].TextContent);
            Assert.Contains("the same as the read model", cut.Find("[aria-label='Replay matches']").TextContent);
        });
    }

    [Fact]
    public async Task Explain_AtAnEarlierVersion_ReplaysOnlyUpToIt()
    {
        await OpenAsync("E", "EUR", 10m);
        await DepositAsync("E", 5m);
        await DepositAsync("E", 7m);

        var cut = Render<ExplainPanel>(p => p.Add(c => c.AccountId, "E").Add(c => c.Version, 2L));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("15.00 EUR", Labels.Value(cut, "Balance shown"));
            Assert.Equal(2, cut.FindAll("[aria-label='Replay steps'] tbody tr").Count);
        });
    }

    [Fact]
    public async Task ALongReplay_ListsOnlyTheLastSteps_AndSaysSoVisibly()
    {
        // The ledger is already built (InitializeAsync); its options object is the one the handler reads on every query.
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Ledger.Infrastructure.LedgerOptions>>().Value.ExplainMaxSteps = 2;
        await OpenAsync("E", "EUR", 10m);
        await DepositAsync("E", 5m);
        await DepositAsync("E", 7m);
        await DepositAsync("E", 1m);

        var cut = Render<ExplainPanel>(p => p.Add(c => c.AccountId, "E"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, cut.FindAll("[aria-label='Replay steps'] tbody tr").Count);
            Assert.Equal("4", Labels.Value(cut, "Events replayed"));
            Assert.Contains("Showing the last 2 steps since the first event", cut.Find("[role=note]").TextContent);
            Assert.Contains("the same as the read model", cut.Find("[aria-label='Replay matches']").TextContent);
        });
    }

    [Fact]
    public async Task AReadModelThatDisagreesWithTheEvents_IsFlaggedLoudly()
    {
        await OpenAsync("E", "EUR", 10m);
        await DepositAsync("E", 5m);
        // Damage the read model behind the ledger's back, as a bad migration or a hand edit would.
        await using (var db = await Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE account_balances SET balance_minor = 99900 WHERE account_id = 'E'");
        }

        var cut = Render<ExplainPanel>(p => p.Add(c => c.AccountId, "E"));

        cut.WaitForAssertion(() =>
        {
            var alert = cut.Find("[aria-label='Replay does not match']");
            Assert.Contains("MISMATCH", alert.TextContent);
            Assert.Contains("15.00 EUR", alert.TextContent);
            Assert.Contains("999.00 EUR", alert.TextContent);
        });
    }
}
