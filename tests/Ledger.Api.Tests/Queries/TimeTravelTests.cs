namespace Ledger.Api.Tests.Queries;

public sealed class TimeTravelTests : ClockedApiTest
{
    [Fact]
    public async Task StateAtVersion_IsTheStateRightAfterThatEvent()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var state = await Client.GetJsonAsync($"/api/accounts/{id}/state?version=2");

        Assert.Equal(id, state.GetProperty("accountId").GetString());
        Assert.Equal(2, state.GetProperty("version").GetInt64());
        Assert.Equal(150m, state.GetProperty("balance").GetDecimal());
        Assert.Equal("Active", state.GetProperty("status").GetString());
        Assert.Equal("EUR", state.GetProperty("currency").GetString());
        Assert.Equal(Monday.AddDays(1), state.GetProperty("asOf").GetDateTimeOffset());
    }

    [Fact]
    public async Task StateAtAVersionTheAccountNeverHad_Is404AccountNotFound()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/state?version=5");

        await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task StateAtATime_IsTheStateAfterTheLastEventAtOrBeforeIt()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var betweenDeposits = await Client.GetJsonAsync($"/api/accounts/{id}/state?at=2026-03-03T12:00:00Z");
        var exactlyAtWithdrawal = await Client.GetJsonAsync($"/api/accounts/{id}/state?at=2026-03-04T09:00:00Z");
        var later = await Client.GetJsonAsync($"/api/accounts/{id}/state?at=2030-01-01T00:00:00Z");

        Assert.Equal(2, betweenDeposits.GetProperty("version").GetInt64());
        Assert.Equal(150m, betweenDeposits.GetProperty("balance").GetDecimal());
        Assert.Equal(3, exactlyAtWithdrawal.GetProperty("version").GetInt64());
        Assert.Equal(120m, exactlyAtWithdrawal.GetProperty("balance").GetDecimal());
        Assert.Equal(3, later.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task StateAtATime_HonoursTheOffset()
    {
        var id = await ThreeDaysOfHistoryAsync();

        // 10:30 at +02:00 is 08:30Z on Wednesday, before the 09:00Z withdrawal; 11:30+02:00 is after it.
        var before = await Client.GetJsonAsync($"/api/accounts/{id}/state?at=2026-03-04T10:30:00%2B02:00");
        var after = await Client.GetJsonAsync($"/api/accounts/{id}/state?at=2026-03-04T11:30:00%2B02:00");

        Assert.Equal(2, before.GetProperty("version").GetInt64());
        Assert.Equal(3, after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task StateBeforeTheAccountWasOpened_Is404AccountNotFound()
    {
        var id = await ThreeDaysOfHistoryAsync();

        var response = await Client.GetAsync($"/api/accounts/{id}/state?at=2026-03-02T08:59:59Z");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BalancesAsOfATime_ListOnlyAccountsThatExisted_WithTheirBalancesThenAndTotals()
    {
        Clock.Set(Monday);
        var (a, b, c) = (Api.NewId("a"), Api.NewId("b"), Api.NewId("c"));
        await Client.OpenAsync(a, 10m);
        await Client.OpenAsync(b, 5m);
        await Client.OpenAsync(c, 100m, "JPY");
        Clock.Set(Monday.AddDays(2));
        await Client.DepositAsync(a, 1.25m);
        await Client.OpenAsync(Api.NewId("d"), 7m);

        var then = await Client.GetJsonAsync("/api/balances?at=2026-03-03T00:00:00Z");
        var now = await Client.GetJsonAsync("/api/balances");

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), then.GetProperty("asOf").GetDateTimeOffset());
        var accounts = then.GetProperty("accounts").EnumerateArray().ToDictionary(x => x.GetProperty("accountId").GetString()!);
        Assert.Equal(3, accounts.Count);
        Assert.Equal(10m, accounts[a].GetProperty("balance").GetDecimal());
        Assert.Equal(1, accounts[a].GetProperty("version").GetInt64());
        Assert.Equal("EUR", accounts[a].GetProperty("currency").GetString());
        Assert.Equal("Active", accounts[a].GetProperty("status").GetString());
        var totals = then.GetProperty("totals").EnumerateArray().ToDictionary(x => x.GetProperty("currency").GetString()!, x => x.GetProperty("balance").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 15m, ["JPY"] = 100m }, totals);
        Assert.Equal(4, now.GetProperty("accounts").GetArrayLength());
        Assert.Equal(23.25m, now.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "EUR").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task BalancesBeforeAnyAccount_AreEmpty()
    {
        await ThreeDaysOfHistoryAsync();

        var then = await Client.GetJsonAsync("/api/balances?at=2000-01-01T00:00:00Z");

        Assert.Equal(0, then.GetProperty("accounts").GetArrayLength());
        Assert.Equal(0, then.GetProperty("totals").GetArrayLength());
    }
}
