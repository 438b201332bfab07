namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// The account list sorted by holder reads as a person reads names, on every engine: letters first, then
/// accents, then case. Byte order (and lower(), which folds ASCII only on SQLite) put "Élise" after "Zoë".
/// </summary>
public sealed class AccountSortTests : LedgerTestBase
{
    private static readonly string[] ByHolder = ["alice", "Ärzte", "bob", "Bob", "élan", "Élise", "zed", "Zoë"];

    protected override async Task SeedAsync()
    {
        // Opened in an order that is neither the answer nor its reverse.
        foreach (var (name, index) in new[] { "Zoë", "bob", "Élise", "alice", "zed", "Ärzte", "Bob", "élan" }.Select((n, i) => (n, i)))
        {
            await Ledger.Mediator.Send(new OpenAccountCommand($"acc-{index}", "h", name, "EUR", 1m));
        }
    }

    [Fact]
    public async Task ByHolder_LettersFirst_ThenAccents_ThenCase()
    {
        var page = await Ledger.Mediator.Send(new ListAccountsQuery(Sort: AccountSort.Holder));

        Assert.Equal(ByHolder, page.Items.Select(a => a.HolderName));
    }

    [Fact]
    public async Task ByHolderDescending_IsTheReverse()
    {
        var page = await Ledger.Mediator.Send(new ListAccountsQuery(Sort: AccountSort.HolderDesc));

        Assert.Equal(ByHolder.Reverse(), page.Items.Select(a => a.HolderName));
    }

    [Fact]
    public async Task ByHolder_PagesInTheSameOrder()
    {
        var second = await Ledger.Mediator.Send(new ListAccountsQuery(Sort: AccountSort.Holder, Page: 2, PageSize: 3));

        Assert.Equal(ByHolder[3..6], second.Items.Select(a => a.HolderName));
    }
}
