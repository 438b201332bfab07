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

    [Fact]
    public void TheQuery_LeavesDefaultsOut_AndNamesSortsAsTheApiDoes()
    {
        Assert.All(AccountListAddress.Default.Query.Values, Assert.Null);
        Assert.Equal(
            new Dictionary<string, object?> { ["page"] = 2, ["size"] = 100, ["sort"] = "updated_desc" },
            new AccountListAddress(2, 100, AccountSort.UpdatedDesc).Query);
    }
}
