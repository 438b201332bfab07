namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>A search finds the same accounts on every engine: letters match whatever their case, wildcards match literally.</summary>
public sealed class AccountSearchTests : LedgerTestBase
{
    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("alpha", "h-1", "Ada Lovelace", "EUR", 1m));
        await Ledger.Mediator.Send(new OpenAccountCommand("BETA", "h-2", "Grace Hopper", "EUR", 2m));
        await Ledger.Mediator.Send(new OpenAccountCommand("gamma_1", "h-3", "Alan Turing", "GBP", 3m));
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
    public async Task TheAccountList_SearchesIgnoringCase(string search, string[] expected)
    {
        var page = await Ledger.Mediator.Send(new ListAccountsQuery(Search: search));

        Assert.Equal(expected, page.Items.Select(a => a.AccountId));
    }

    [Theory]
    [InlineData("ALP", new[] { "alpha" })]
    [InlineData("grace", new[] { "BETA" })]
    [InlineData("gbp", new[] { "gamma_1" })]
    public async Task BalancesAsOf_SearchesIgnoringCase(string search, string[] expected)
    {
        var view = await Ledger.Mediator.Send(new GetBalancesAsOfQuery(Search: search));

        Assert.Equal(expected, view.Accounts.Select(a => a.AccountId));
    }
}
