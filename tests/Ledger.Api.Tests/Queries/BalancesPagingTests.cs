namespace Ledger.Api.Tests.Queries;

/// <summary>GET /api/balances answers a page of accounts; its totals always cover every account.</summary>
public sealed class BalancesPagingTests : OwnAppApiTest
{
    protected override async Task SeedAsync()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.OpenAsync($"P-{i}", i + 1);
        }

        await Client.OpenAsync("Y-0", 1000m, "JPY");
    }

    [Fact]
    public async Task APage_HoldsASubset_WhileTheTotalsCoverEveryAccount()
    {
        var page = await Client.GetJsonAsync("/api/balances?page=2&pageSize=3");

        Assert.Equal(["P-3", "P-4", "P-5"], Ids(page));
        Assert.Equal((Page: 2, PageSize: 3, Total: 8), page.Paging());
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 28m, ["JPY"] = 1000m }, Totals(page));
    }

    [Fact]
    public async Task WithoutPaging_TheFirstPageOf100_IsTheDefault()
    {
        var page = await Client.GetJsonAsync("/api/balances");

        Assert.Equal((Page: 1, PageSize: 100, Total: 8), page.Paging());
        Assert.Equal(8, Ids(page).Count);
    }

    [Fact]
    public async Task TheLastPage_HoldsTheRest_AndOneBeyondItIsEmpty()
    {
        var last = await Client.GetJsonAsync("/api/balances?page=3&pageSize=3");
        var beyond = await Client.GetJsonAsync("/api/balances?page=4&pageSize=3");

        Assert.Equal(["P-6", "Y-0"], Ids(last));
        Assert.Empty(Ids(beyond));
        Assert.Equal((Page: 4, PageSize: 3, Total: 8), beyond.Paging());
        Assert.Equal(Totals(last), Totals(beyond));
    }

    [Fact]
    public async Task APageSizeOf500_IsAllowed()
    {
        var page = await Client.GetJsonAsync("/api/balances?pageSize=500");

        Assert.Equal((Page: 1, PageSize: 500, Total: 8), page.Paging());
    }

    /// <summary>Each paging parameter with values it refuses: beyond its range, zero or negative, not a whole number.</summary>
    public static TheoryData<string, string> OutOfRange()
    {
        var cases = new TheoryData<string, string>();
        foreach (var value in new[] { "501", "0", "-1", "many" })
        {
            cases.Add("pageSize", value);
        }

        foreach (var value in new[] { "0", "-2", "1.5", "99999999999" })
        {
            cases.Add("page", value);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task APageOrPageSizeOutOfRange_Is400NamingIt(string parameter, string value)
    {
        var response = await Client.GetAsync($"/api/balances?{parameter}={value}");

        await response.ValidationProblemAsync(parameter);
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()!).ToList();

    private static Dictionary<string, decimal> Totals(JsonElement page) =>
        page.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("currency").GetString()!, t => t.GetProperty("balance").GetDecimal());
}
