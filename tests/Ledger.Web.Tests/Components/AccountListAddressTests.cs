using Ledger.Domain.Accounts;
using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components;

/// <summary>The account list's place in the address: defaults left out, and an address edited by hand never breaks the list.</summary>
public sealed class AccountListAddressTests
{
    [Theory]
    [InlineData("http://x/accounts", 1, 25, AccountSort.Id)]
    [InlineData("http://x/accounts?page=3&size=50&sort=holder_desc", 3, 50, AccountSort.HolderDesc)]
    [InlineData("http://x/accounts/A-1?version=4&page=2&sort=BALANCE", 2, 25, AccountSort.Balance)]
    [InlineData("http://x/accounts?page=0&size=7&sort=nonsense", 1, 25, AccountSort.Id)]
    [InlineData("http://x/accounts?page=-2&size=1e3&sort=3", 1, 25, AccountSort.Id)]
    [InlineData("http://x/accounts?page=99999999999", 1, 25, AccountSort.Id)]
    public void ReadingAnAddress_TakesWhatItKnows_AndDefaultsTheRest(string uri, int page, int size, AccountSort sort) =>
        Assert.Equal(new AccountListAddress(page, size, sort), AccountListAddress.Read(uri));

    [Theory]
    [InlineData("http://x/accounts?search=%20Hughes%20&status=closed&currency=jpy", "Hughes", AccountStatus.Closed, "JPY")]
    [InlineData("http://x/accounts?status=Active&currency=EUR", null, AccountStatus.Active, "EUR")]
    [InlineData("http://x/accounts?search=&status=1&currency=XYZ", null, null, null)]
    [InlineData("http://x/accounts?status=frozen&currency=EURO&search=%20%20", null, null, null)]
    public void ReadingAnAddress_TakesTheFiltersTheApiWouldTake(string uri, string? search, AccountStatus? status, string? currency) =>
        Assert.Equal(AccountListAddress.Default with { Search = search, Status = status, Currency = currency }, AccountListAddress.Read(uri));

    [Fact]
    public void ASearchLongerThanAnyNameNeeds_StaysOutOfTheList()
    {
        Assert.Null(AccountListAddress.Read($"http://x/accounts?search={new string('a', 201)}").Search);
        Assert.Equal(200, AccountListAddress.Read($"http://x/accounts?search={new string('a', 200)}").Search!.Length);
    }

    [Fact]
    public void TheQuery_NamesFiltersAsTheApiDoes_AndLeavesEmptyOnesOut()
    {
        Assert.Equal(
            new Dictionary<string, object?> { ["page"] = null, ["size"] = null, ["sort"] = null, ["search"] = "bob", ["status"] = "Closed", ["currency"] = "JPY" },
            (AccountListAddress.Default with { Search = " bob ", Status = AccountStatus.Closed, Currency = "JPY" }).Query);
        Assert.Null((AccountListAddress.Default with { Search = "   " }).Query["search"]);
    }

    [Fact]
    public void TheQuery_LeavesDefaultsOut_AndNamesSortsAsTheApiDoes()
    {
        Assert.All(AccountListAddress.Default.Query.Values, Assert.Null);
        Assert.Equal(
            new Dictionary<string, object?> { ["page"] = 2, ["size"] = 100, ["sort"] = "updated_desc", ["search"] = null, ["status"] = null, ["currency"] = null },
            new AccountListAddress(2, 100, AccountSort.UpdatedDesc).Query);
    }
}
