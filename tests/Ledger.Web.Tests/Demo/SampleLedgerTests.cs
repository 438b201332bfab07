using Ledger.Domain.Accounts;
using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Demo;

public sealed class SampleLedgerTests : LedgerUiContext
{
    [Fact]
    public async Task SampleLedger_IsAYearOfHistory_ThatObeysEveryRule()
    {
        var commands = await SampleLedger.LoadAsync(Mediator, Services.GetRequiredService<TimeProvider>());

        var accounts = (await Mediator.Send(new ListAccountsQuery(PageSize: 100))).Items;
        Assert.InRange(accounts.Count, 10, 14);
        Assert.True(commands > 1000, $"only {commands} commands");

        var currencies = accounts.Select(a => a.Currency).Distinct().ToList();
        Assert.True(currencies.Count >= 4, string.Join(",", currencies));
        Assert.Contains("JPY", currencies);

        var closed = Assert.Single(accounts, a => a.Status == AccountStatus.Closed);
        Assert.Equal(SampleLedger.ClosedAccountId, closed.AccountId);
        Assert.Equal(0m, closed.Balance);

        foreach (var account in accounts)
        {
            var history = await Mediator.Send(new GetAccountHistoryQuery(account.AccountId, 1, 500, NewestFirst: false));
            Assert.Equal(account.Version, history.Total);
            Assert.All(history.Items, e => Assert.True(e.BalanceAfter >= 0, $"{account.AccountId} v{e.Version} went negative"));
            Assert.All(history.Items, e => Assert.True(Ledger.Domain.Money.Amounts.FitsCurrency(e.Amount, account.Currency)));
            Assert.Equal(account.Balance, history.Items[^1].BalanceAfter);
            Assert.All(history.Items.Skip(1).Zip(history.Items), p => Assert.True(p.First.OccurredAt >= p.Second.OccurredAt));
        }

        var events = await Mediator.Send(new GetEventLogQuery(PageSize: 1));
        var first = await Mediator.Send(new GetEventLogQuery(Page: events.Total, PageSize: 1));
        var span = events.Items[0].OccurredAt - first.Items[0].OccurredAt;
        Assert.InRange(span.TotalDays, 300, 366);
        Assert.True((await Mediator.Send(new GetEventLogQuery(EventType: "TransferInitiated", PageSize: 1))).Total > 20);
    }

    [Fact]
    public async Task SampleLedger_RefusesALedgerThatIsNotEmpty()
    {
        await OpenAsync("EXISTING");

        await Assert.ThrowsAsync<InvalidOperationException>(() => SampleLedger.LoadAsync(Mediator, Services.GetRequiredService<TimeProvider>()));
    }

    [Fact]
    public void LoadSampleLedgerButton_FillsTheEmptyLedger_AndShowsTheGrid()
    {
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Contains("This ledger has no accounts yet", cut.Markup));

        _ = cut.FindAll("button").First(b => b.TextContent.Trim() == "Load sample ledger").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("This ledger has no accounts yet", cut.Markup);
            Assert.Contains(SampleLedger.ClosedAccountId, cut.Find(".ledger-grid tbody").TextContent);
            Assert.True(cut.FindAll("label").Count(l => l.TextContent.Trim().StartsWith("Total ", StringComparison.Ordinal)) >= 4, "too few currency totals");
        }, TimeSpan.FromSeconds(120));
    }
}
