using System.Globalization;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Issue 14: every command answers with Ledger-Position, the position of its last event, and only once a
/// read on this instance reflects it (a replay: the first answer's position).
/// </summary>
public sealed class LedgerPositionTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task EveryCommand_AnswersWithThePositionOfItsLastEvent_AndAReadRightAfterReflectsIt()
    {
        var (from, to) = (Api.NewId(), Api.NewId());
        var opened = await Client.PostAsync("/api/accounts", new { accountId = from, holderId = "h", currency = "EUR", initialDeposit = 10 });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(await LastPositionAsync(from), Position(opened));
        await Client.OpenAsync(to, 0m);

        var deposited = await Client.PostAsync($"/api/accounts/{from}/deposits", new { amount = 5, transactionReference = "p-1" });
        Assert.Equal(await LastPositionAsync(from), Position(deposited));
        Assert.Equal(15m, await Client.BalanceAsync(from));

        var moved = await Client.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 4 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(Math.Max(await LastPositionAsync(from), await LastPositionAsync(to)), Position(moved));
        Assert.True(Position(moved) > Position(deposited));
        Assert.Equal(4m, await Client.BalanceAsync(to));
    }

    [Fact]
    public async Task AReplay_AnswersWithTheFirstAnswersPosition_AndARefusalWithNone()
    {
        var (id, other) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 1, transactionReference = "p-2" };
        var first = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));
        var transfer = new { transferId = Api.NewId(), fromAccountId = id, toAccountId = other, amount = 2 };
        var moved = await Client.PostAsync("/api/transfers", transfer);
        var openKey = Guid.NewGuid().ToString();
        var open = new { accountId = Api.NewId(), holderId = "h", currency = "EUR", initialDeposit = 1 };
        var opened = await Client.PostAsync("/api/accounts", open, ("Idempotency-Key", openKey));
        await Client.DepositAsync(id, 1m, "p-3");

        var again = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));
        var movedAgain = await Client.PostAsync("/api/transfers", transfer);
        var openedAgain = await Client.PostAsync("/api/accounts", open, ("Idempotency-Key", openKey));

        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal("true", openedAgain.Header("Idempotency-Replayed"));
        Assert.Equal(Position(first), Position(again));
        Assert.Equal(Position(moved), Position(movedAgain));
        Assert.Equal(Position(opened), Position(openedAgain));

        var refused = await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 1_000, transactionReference = "p-4" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Null(refused.Header("Ledger-Position"));
    }

    private static long Position(HttpResponseMessage response) =>
        long.Parse(response.Header("Ledger-Position") ?? throw new InvalidOperationException("no Ledger-Position header"), NumberStyles.None, CultureInfo.InvariantCulture);

    private async Task<long> LastPositionAsync(string accountId) =>
        (await Client.GetJsonAsync($"/api/accounts/{accountId}/events")).GetProperty("items").EnumerateArray().Max(e => e.GetProperty("position").GetInt64());
}
