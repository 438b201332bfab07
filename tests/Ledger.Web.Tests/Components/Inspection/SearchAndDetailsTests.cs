using Ledger.Web.Components.Layout;
using Ledger.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components.Inspection;

/// <summary>The app bar's search finds payments, not only accounts; an event's details show its upcast payload beside the stored one.</summary>
public sealed class SearchAndDetailsTests : LedgerUiContext
{
    [Fact]
    public async Task SearchingATransactionReference_FindsThePayment_AndOpensItsAccountAtThatEvent()
    {
        await OpenAsync("PAY", "EUR", 10m);
        await DepositAsync("PAY", 5m, "INV-2024-17");
        await DepositAsync("PAY", 6m, "INV-2024-18");
        var providers = RenderProviders();
        var cut = Render<GlobalSearch>();

        await cut.Find("input").InputAsync(new() { Value = "INV-2024-17" });

        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("[aria-label='Deposit INV-2024-17 of PAY']")));
        await providers.Find("[aria-label='Deposit INV-2024-17 of PAY']").ClickAsync(new());
        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("accounts/PAY?version=2", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchingAnExactAmount_FindsPaymentsOfThatAmountInAnyCurrency()
    {
        await OpenAsync("EURO", "EUR", 10m);
        await Mediator.Send(new WithdrawMoneyCommand("EURO", 7.25m, "CARD-1", "Bakery"));
        await OpenAsync("YEN", "JPY", 1000m);

        var hits = await Mediator.Send(new SearchEventsQuery("7.25"));
        var words = await Mediator.Send(new SearchEventsQuery("bakery"));
        var yen = await Mediator.Send(new SearchEventsQuery("1000"));

        var hit = Assert.Single(hits);
        Assert.Equal(("EURO", 2L, "amount"), (hit.Entry.AccountId, hit.Entry.Version, hit.MatchedBy));
        Assert.Equal("CARD-1", Assert.Single(words).Entry.Reference);
        Assert.Equal("YEN", Assert.Single(yen).Entry.AccountId);
    }

    [Fact]
    public async Task AnEventStoredInAnOlderSchema_ShowsTheUpcastPayloadBesideTheStoredOne()
    {
        await OpenAsync("OLD", "EUR", 1m);
        await RawEvents.InsertAsync(Services, "OLD", 2, "MoneyDeposited", 1,
            """{"accountId":"OLD","amount":2.5,"transactionReference":"V1","occurredAt":"2024-01-01T00:00:00+00:00"}""");

        var cut = Render<EventDetails>(p => p.Add(c => c.AccountId, "OLD").Add(c => c.Version, 2L));

        cut.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("description", cut.Find("[aria-label='Stored JSON payload']").TextContent);
            Assert.Contains("\"description\": \"Deposit\"", cut.Find("[aria-label='Upcast JSON payload']").TextContent);
            Assert.Contains("Recorded at", cut.Markup);
        });
    }

    [Fact]
    public async Task AnEventInTheCurrentSchema_ShowsOnlyTheStoredPayload()
    {
        await OpenAsync("NEW", "EUR", 1m);

        var cut = Render<EventDetails>(p => p.Add(c => c.AccountId, "NEW").Add(c => c.Version, 1L));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[aria-label='Stored JSON payload']")));
        Assert.Empty(cut.FindAll("[aria-label='Upcast JSON payload']"));
    }
}
