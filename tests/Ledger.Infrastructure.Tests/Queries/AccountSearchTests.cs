namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>A search finds the same accounts on every engine: letters match whatever their case, wildcards match literally.</summary>
public sealed class AccountSearchTests : LedgerTestBase
{
    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("alpha", "h-1", "Ada Lovelace", "EUR", 1m));
        await Ledger.Mediator.Send(new OpenAccountCommand("BETA", "h-2", "Grace Hopper", "EUR", 2m));
        await Ledger.Mediator.Send(new OpenAccountCommand("gamma_1", "h-3", "Alan Turing", "GBP", 3m));
        await Ledger.Mediator.Send(new OpenAccountCommand("eta", "h-4", "Élise Ünal", "EUR", 4m));
        await Ledger.Mediator.Send(new DepositMoneyCommand("eta", 1m, "R-1", "Rückzahlung ÖPNV"));
    }

    [Fact]
    public async Task AccountsCurrencies_AreReadTogether_ExactIdsOnly_AndUnknownOnesLeftOut()
    {
        var currencies = await Ledger.Mediator.Send(new GetAccountCurrenciesQuery(["alpha", "gamma_1", "ALPHA", "nobody"]));

        Assert.Equal(new Dictionary<string, string> { ["alpha"] = "EUR", ["gamma_1"] = "GBP" }, currencies);
        Assert.Empty(await Ledger.Mediator.Send(new GetAccountCurrenciesQuery([])));
    }

    [Theory]
    [InlineData("ALP", new[] { "alpha" })]
    [InlineData("beta", new[] { "BETA" })]
    [InlineData("hOpPeR", new[] { "BETA" })]
    [InlineData("a_1", new[] { "gamma_1" })]
    [InlineData("a%", new string[0])]
    [InlineData("élise", new[] { "eta" })]
    [InlineData("ÉLISE ünal", new[] { "eta" })]
    [InlineData("Ada*e", new string[0])]
    [InlineData("?", new string[0])]
    [InlineData("[a]", new string[0])]
    public async Task TheAccountList_SearchesIgnoringCase(string search, string[] expected)
    {
        var page = await Ledger.Mediator.Send(new ListAccountsQuery(Search: search));

        Assert.Equal(expected, page.Items.Select(a => a.AccountId));
    }

    [Theory]
    [InlineData("beta", "BETA", 1)]
    [InlineData("Eta", "eta", 2)]
    [InlineData("ALPHA", "alpha", 1)]
    [InlineData("alpha", "alpha", 1)]
    public async Task TheEventLog_FindsAnAccountsEvents_WhateverTheCaseOfItsId(string typed, string stored, int events)
    {
        var page = await Ledger.Mediator.Send(new GetEventLogQuery(AccountId: typed));

        Assert.Equal(events, page.Total);
        Assert.All(page.Items, e => Assert.Equal(stored, e.AccountId));
    }

    [Theory]
    [InlineData("ALP", new[] { "alpha" })]
    [InlineData("grace", new[] { "BETA" })]
    [InlineData("gbp", new[] { "gamma_1" })]
    [InlineData("ünal", new[] { "eta" })]
    [InlineData("A*n", new string[0])]
    public async Task BalancesAsOf_SearchesIgnoringCase(string search, string[] expected)
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Search: search));

        Assert.Equal(expected, view.Accounts.Select(a => a.AccountId));
    }

    [Theory]
    [InlineData("ÜNAL", new[] { "eta" })]
    [InlineData("grace", new[] { "BETA" })]
    [InlineData("A?a", new string[0])]
    public async Task TheComparison_SearchesIgnoringCase(string search, string[] expected)
    {
        var view = await Ledger.Mediator.Send(new GetComparisonQuery(DateTimeOffset.UnixEpoch, Search: search));

        Assert.Equal(expected, view.Accounts.Select(a => a.AccountId));
    }

    [Theory]
    [InlineData("rückzahlung öpnv", 1)]
    [InlineData("RÜCKZAHLUNG", 1)]
    [InlineData("R*g", 0)]
    public async Task TheEventSearch_FindsADescriptionIgnoringCase(string search, int hits)
    {
        var found = await Ledger.Mediator.Send(new SearchEventsQuery(search));

        Assert.Equal(hits, found.Count(h => h.MatchedBy == "description"));
    }
}
