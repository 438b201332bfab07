using Bunit.TestDoubles;
using Ledger.Web.Components.Pages.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components;

public sealed class AccountsPageTests : LedgerUiContext
{
    [Fact]
    public async Task Grid_ShowsEachAccount_WithBalanceFormattedForItsCurrency()
    {
        await OpenAsync("EUR-1", "EUR", 1234.5m, "Alice <b>Martin</b>");
        await OpenAsync("JPY-1", "JPY", 5000m, "Kenji Sato");
        await OpenAsync("KWD-1", "KWD", 12.345m, "Omar");
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("table[aria-label] tbody tr, .ledger-grid tbody tr").Select(r => r.TextContent).ToList();
            Assert.Contains(rows, r => r.Contains("EUR-1") && r.Contains("1,234.50"));
            Assert.Contains(rows, r => r.Contains("JPY-1") && r.Contains("5,000") && !r.Contains("5,000.0"));
            Assert.Contains(rows, r => r.Contains("KWD-1") && r.Contains("12.345"));
        });
        // Holder names are text: markup in a name is shown, not interpreted.
        Assert.Contains("Alice <b>Martin</b>", cut.Find(".ledger-grid tbody").TextContent);
        Assert.Empty(cut.FindAll(".ledger-grid tbody b"));
    }

    /// <summary>Every column that shows a sort arrow sorts, both ways, in SQL (Balance and Last updated once showed none).</summary>
    [Theory]
    [InlineData("Account id", new[] { "A-1", "B-2", "C-3" })]
    [InlineData("Holder", new[] { "C-3", "A-1", "B-2" })]
    [InlineData("Balance", new[] { "B-2", "C-3", "A-1" })]
    [InlineData("Last updated", new[] { "B-2", "C-3", "A-1" })]
    public async Task EverySortableHeader_SortsAscendingThenDescending(string header, string[] ascending)
    {
        // Opened in the order their updates should sort: B first, then C, then A.
        await OpenAsync("B-2", "EUR", 5m, "Zoë");
        await OpenAsync("C-3", "EUR", 50m, "Ada");
        await OpenAsync("A-1", "EUR", 500m, "bob");
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count));

        string[] Ids() => [.. cut.FindAll(".ledger-grid tbody tr.mud-table-row").Select(r => r.QuerySelector("td")!.TextContent.Trim())];
        var sortLabel = cut.FindAll(".ledger-grid thead th").Single(th => th.TextContent.Trim() == header).QuerySelector(".sortable-column-header")
            ?? throw new InvalidOperationException($"'{header}' has no sort control.");
        if (header == "Account id")
        {
            // Already sorted by id: one click makes it explicit ascending, then descending.
            cut.WaitForAssertion(() => Assert.Equal(ascending, Ids()));
        }

        await cut.InvokeAsync(() => sortLabel.Click());
        cut.WaitForAssertion(() => Assert.Equal(ascending, Ids()));
        await cut.InvokeAsync(() => cut.FindAll(".ledger-grid thead th").Single(th => th.TextContent.Trim() == header).QuerySelector(".sortable-column-header")!.Click());
        cut.WaitForAssertion(() => Assert.Equal(ascending.Reverse(), Ids()));
    }

    [Fact]
    public async Task Totals_PerCurrency_AreShownAboveTheGrid()
    {
        await OpenAsync("A", "EUR", 100m);
        await OpenAsync("B", "EUR", 50.25m);
        await OpenAsync("C", "JPY", 700m);
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("150.25", ValueOf(cut, "Total EUR"));
            Assert.Equal("700", ValueOf(cut, "Total JPY"));
        });
    }

    [Fact]
    public async Task Grid_PagesInSql_25RowsAtATime()
    {
        for (var i = 1; i <= 30; i++)
        {
            await OpenAsync($"ACC-{i:00}", "EUR", i);
        }

        RenderProviders();
        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(25, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count);
            Assert.Contains("1-25 of 30", cut.Markup);
        });
        Assert.Contains("ACC-01", cut.Find(".ledger-grid tbody").TextContent);
        Assert.DoesNotContain("ACC-26", cut.Find(".ledger-grid tbody").TextContent);
    }

    [Fact]
    public async Task TheListsPage_IsKeptInTheAddress_WithoutAHistoryEntryEach_SoAReloadComesBackToIt()
    {
        await OpenThirtyAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts");
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Contains("1-25 of 30", cut.Markup));

        await cut.Find("button[aria-label='Next page']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.EndsWith("/accounts?page=2", navigation.Uri, StringComparison.Ordinal));
        Assert.All(navigation.History.SkipLast(1), entry => Assert.True(entry.Options.ReplaceHistoryEntry, entry.Uri));

        await OpenAsync("ACC-31", "EUR", 31m);
        cut.WaitForAssertion(() => Assert.Contains("26-31 of 31", cut.Markup));
        Assert.EndsWith("/accounts?page=2", navigation.Uri, StringComparison.Ordinal);

        var reloaded = await ReloadAsync();
        reloaded.WaitForAssertion(() =>
        {
            Assert.Contains("26-31 of 31", reloaded.Markup);
            Assert.StartsWith("ACC-26", reloaded.Find(".ledger-grid tbody").TextContent.Trim());
        });
    }

    [Fact]
    public async Task AnAddressWithASortAndAPage_OpensTheListSo_AndTheListKeepsWhatChangesInIt()
    {
        await OpenThirtyAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts?sort=balance_desc&page=2");
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("26-30 of 30", cut.Markup);
            Assert.Equal(["ACC-05", "ACC-04", "ACC-03", "ACC-02", "ACC-01"], Ids(cut));
        });
        await cut.InvokeAsync(() => cut.FindAll(".ledger-grid thead th").Single(th => th.TextContent.Trim() == "Holder").QuerySelector(".sortable-column-header")!.Click());
        cut.WaitForAssertion(() => Assert.Contains("sort=holder", navigation.Uri, StringComparison.Ordinal));
        Assert.DoesNotContain("balance", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressPastTheLastPage_OpensTheFirstPage_AndSaysSo()
    {
        await OpenThirtyAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts?page=5");
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("1-25 of 30", cut.Markup);
            Assert.Equal(25, Ids(cut).Count);
            Assert.EndsWith("/accounts", navigation.Uri, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task OpeningAnAccountFromPageTwo_KeepsTheListsPlaceInTheAddress()
    {
        await OpenThirtyAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts?page=2");
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Contains("26-30 of 30", cut.Markup));

        await cut.FindAll(".ledger-grid tbody tr.mud-table-row")[1].ClickAsync(new());

        Assert.EndsWith("/accounts/ACC-27?page=2", navigation.Uri, StringComparison.Ordinal);

        // Back to the list by a link that does not carry the list's place: the list is still on page 2, and says so again.
        navigation.NavigateTo("accounts");
        cut.Render(p => p.Add(c => c.AccountId, null));
        cut.WaitForAssertion(() => Assert.EndsWith("/accounts?page=2", navigation.Uri, StringComparison.Ordinal));
        Assert.Contains("26-30 of 30", cut.Markup);
    }

    [Fact]
    public async Task AnAddressWithFilters_OpensTheListFiltered_AndAChangedFilterIsWrittenBack()
    {
        await OpenAsync("A-1", "EUR", 1m, "Alice Martin");
        await OpenAsync("B-1", "EUR", 1m, "Bob Hughes");
        await OpenAsync("B-2", "JPY", 1m, "Bob Hughes");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("accounts?search=hughes&currency=jpy");
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["B-2"], Ids(cut)));
        Assert.Equal("hughes", cut.Find("input[placeholder='Id, holder or holder id']").GetAttribute("value"));

        cut.Find("input[placeholder='Id, holder or holder id']").Input("alice");

        // The currency filter still holds (JPY), so nothing matches, and the address says why.
        cut.WaitForAssertion(() => Assert.Contains("No account matches these filters.", cut.Find(".ledger-grid").TextContent));
        await Poll.UntilAsync(() => navigation.Uri.EndsWith("/accounts?search=alice&currency=JPY", StringComparison.Ordinal), "the address to name both filters", TimeSpan.FromSeconds(10));

        var reloaded = await ReloadAsync();
        reloaded.WaitForAssertion(() => Assert.Contains("No account matches these filters.", reloaded.Find(".ledger-grid").TextContent));
        Assert.Equal("alice", reloaded.Find("input[placeholder='Id, holder or holder id']").GetAttribute("value"));
    }

    [Fact]
    public async Task Filter_SearchesByHolder_ThroughTheQuery()
    {
        await OpenAsync("A-1", "EUR", 1m, "Alice Martin");
        await OpenAsync("B-1", "EUR", 1m, "Bob Hughes");
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count));

        cut.Find("input[placeholder='Id, holder or holder id']").Input("hughes");

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll(".ledger-grid tbody tr.mud-table-row");
            Assert.Single(rows);
            Assert.Contains("Bob Hughes", rows[0].TextContent);
        });

        cut.Find("input[placeholder='Id, holder or holder id']").Input("nobody");

        cut.WaitForAssertion(() => Assert.Contains("No account matches these filters.", cut.Find(".ledger-grid").TextContent));
        Assert.DoesNotContain("Loading…", cut.Find(".ledger-grid").TextContent);
    }

    [Fact]
    public async Task Grid_ShowsNewAccounts_WithoutReload()
    {
        await OpenAsync("FIRST", "EUR", 1m);
        RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".ledger-grid tbody tr.mud-table-row")));

        await OpenAsync("SECOND", "EUR", 2m);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".ledger-grid tbody tr.mud-table-row").Count));
    }

    [Fact]
    public void EmptyLedger_OffersOpenAccountAndSampleLedger()
    {
        RenderProviders();

        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() => Assert.Contains("This ledger has no accounts yet", cut.Markup));
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Open account", buttons);
        Assert.Contains("Load sample ledger", buttons);
        Assert.Empty(cut.FindAll(".ledger-grid"));
    }

    [Fact]
    public void EmptyLedger_OpenAccountButton_OpensTheDialog()
    {
        var providers = RenderProviders();
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Contains("This ledger has no accounts yet", cut.Markup));

        // The click handler awaits the dialog's result, so it stays pending while the dialog is open.
        _ = cut.FindAll("button").First(b => b.TextContent.Trim() == "Open account").ClickAsync(new());

        providers.WaitForAssertion(() =>
        {
            foreach (var label in new[] { "Account id", "Holder id", "Holder name", "Currency", "Initial deposit" })
            {
                Assert.Contains(providers.FindAll("label"), l => l.TextContent.Trim() == label);
            }
        });
    }

    private static string ValueOf(IRenderedComponent<AccountsPage> cut, string label) => Labels.Value(cut, label);

    private static List<string> Ids(IRenderedComponent<AccountsPage> cut) =>
        cut.FindAll(".ledger-grid tbody tr.mud-table-row").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();

    /// <summary>ACC-01 to ACC-30, each with its number as its balance: two pages of 25.</summary>
    private async Task OpenThirtyAsync()
    {
        for (var i = 1; i <= 30; i++)
        {
            await OpenAsync($"ACC-{i:00}", "EUR", i);
        }
    }

    /// <summary>What a browser's reload does to the page: a fresh page at the same address.</summary>
    private async Task<IRenderedComponent<AccountsPage>> ReloadAsync()
    {
        await DisposeComponentsAsync();
        RenderProviders();
        return Render<AccountsPage>();
    }
}
