using Ledger.Infrastructure.Storage.Projections;
using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Components.Pages.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components;

/// <summary>Issue 11, item 2: the account page and Diagnostics say when an account is quarantined, and by what.</summary>
public sealed class QuarantineViewTests : LedgerUiContext
{
    [Fact]
    public async Task AQuarantinedAccount_SaysByWhichEvent_AndOffersNoActions()
    {
        await OpenAsync("A", "EUR", 100m);
        await OpenAsync("B", "EUR", 100m);
        var position = await RawEvents.InsertAsync(Services, "A", 2, "InterestApplied", 1, "{\"accountId\":\"A\",\"amount\":1}");
        await DepositAsync("B", 1m);
        await CatchUpAsync();
        var providers = RenderProviders();

        var cut = Render<AccountDetail>(p => p.Add(c => c.AccountId, "A"));

        cut.WaitForAssertion(() => Assert.Contains($"event {position} (InterestApplied, schema v1)", cut.Find("[aria-label='Account quarantined']").TextContent));
        Assert.Equal("100.00 EUR", Labels.Value(cut, "Balance"));
        Assert.All(cut.FindAll("[role=toolbar][aria-label='Account actions'] button").Where(b => b.TextContent.Trim().Length > 0), b => Assert.True(b.HasAttribute("disabled")));
        var other = Render<AccountDetail>(p => p.Add(c => c.AccountId, "B"));
        other.WaitForAssertion(() => Assert.Equal("101.00 EUR", Labels.Value(other, "Balance")));
        Assert.Empty(other.FindAll("[aria-label='Account quarantined']"));
        Assert.Empty(providers.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Diagnostics_ListsTheQuarantine_AndTheKindsOfEventItCannotRead()
    {
        await OpenAsync("A", "EUR", 100m);
        await RawEvents.InsertAsync(Services, "A", 2, "MoneyDeposited", 99, "{\"accountId\":\"A\"}");
        await CatchUpAsync();
        var status = await Mediator.Send(new GetLedgerStatusQuery());

        var cut = Render<QuarantinePanel>(p => p.Add(c => c.Status, status));

        cut.WaitForAssertion(() => Assert.Contains("written by a newer Ledger", cut.Find("[aria-label='Unreadable kinds of event']").TextContent));
        var held = cut.Find("[aria-label='Quarantined accounts'] tbody tr").TextContent;
        Assert.Contains("A", held);
        Assert.Contains("MoneyDeposited", held);
        Assert.Contains("v99", held);
    }

    [Fact]
    public async Task Diagnostics_SaysNothingAboutUnreadableEvents_WhenThereAreNone()
    {
        await OpenAsync("A", "EUR", 100m);
        var status = await Mediator.Send(new GetLedgerStatusQuery());

        var cut = Render<QuarantinePanel>(p => p.Add(c => c.Status, status));

        Assert.Empty(cut.FindAll("[aria-label='Unreadable events']"));
    }

    private async Task CatchUpAsync()
    {
        var runner = Services.GetRequiredService<ProjectionRunner>();
        foreach (var projection in runner.Projections)
        {
            await runner.CatchUpAsync(projection, CancellationToken.None);
        }
    }
}
