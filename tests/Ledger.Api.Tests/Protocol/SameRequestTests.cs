namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// What "the same request" means under one Idempotency-Key (shared/API.md, Additions): the same JSON
/// value, whatever its spelling; If-Match is not part of it; 400 and 412 are never a key's answer; and a
/// caller's transfer id moves money once whatever key it comes with.
/// </summary>
public sealed class SameRequestTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task APreconditionFailure_IsNotTheKeysAnswer_TheCorrectedRequestActsOnce()
    {
        var id = await Client.OpenNewAsync(10m);
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 5, transactionReference = "pinned" };

        var stale = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"7\""));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
        var corrected = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"1\""));
        var again = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"1\""));

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Null(corrected.Header("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(15m, await Client.BalanceAsync(id));
    }

    [Theory]
    [InlineData("""{"amount":10,"transactionReference":"r-1"}""", """{"amount":10.00,"transactionReference":"r-1"}""")]
    [InlineData("""{"amount":10.5,"transactionReference":"r-1"}""", """{"transactionReference":"r-1","amount":10.50}""")]
    [InlineData("""{"amount":1e1,"transactionReference":"r-1"}""", """{"amount":10,"transactionReference":"r-1"}""")]
    public async Task TheSameValue_SpelledDifferently_IsTheSameRequest(string first, string second)
    {
        var id = await Client.OpenNewAsync(0m);
        var key = Guid.NewGuid().ToString();

        var original = await Client.PostRawAsync($"/api/accounts/{id}/deposits", first, ("Idempotency-Key", key));
        var resend = await Client.PostRawAsync($"/api/accounts/{id}/deposits", second, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal("true", resend.Header("Idempotency-Replayed"));
        Assert.Equal(await original.Content.ReadAsStringAsync(), await resend.Content.ReadAsStringAsync());
        Assert.Equal(2, (await Client.GetJsonAsync($"/api/accounts/{id}")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ADifferentAmount_UnderTheSameKey_IsStillRefused()
    {
        var id = await Client.OpenNewAsync(0m);
        var key = Guid.NewGuid().ToString();

        await Client.PostRawAsync($"/api/accounts/{id}/deposits", """{"amount":10,"transactionReference":"r-1"}""", ("Idempotency-Key", key));
        var other = await Client.PostRawAsync($"/api/accounts/{id}/deposits", """{"amount":10.01,"transactionReference":"r-1"}""", ("Idempotency-Key", key));

        await other.ProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
    }

    [Fact]
    public async Task IfMatch_IsNotPartOfTheRequest_AResendWithoutItReplays()
    {
        var id = await Client.OpenNewAsync(0m);
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 3, transactionReference = "r" };

        var pinned = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"1\""));
        var unpinned = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unpinned.StatusCode);
        Assert.Equal("true", unpinned.Header("Idempotency-Replayed"));
        Assert.Equal(3m, await Client.BalanceAsync(id));
    }

    [Fact]
    public async Task ACallersTransferId_MovesMoneyOnce_WithoutAnyKey()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));
        var transferId = Api.NewId("trf");
        var body = new { transferId, fromAccountId = from, toAccountId = to, amount = 4 };

        var first = await Client.PostAsync("/api/transfers", body);
        var second = await Client.PostAsync("/api/transfers", body);
        var underAKey = await Client.PostAsync("/api/transfers", body, ("Idempotency-Key", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Header("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.OK, underAKey.StatusCode);
        Assert.Equal("true", underAKey.Header("Idempotency-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(6m, await Client.BalanceAsync(from));
        Assert.Equal(4m, await Client.BalanceAsync(to));
    }

    [Fact]
    public async Task ACallersTransferId_WithAnotherBody_IsRefusedAsReused_AndMovesNothing()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));
        var transferId = Api.NewId("trf");
        await Client.PostAsync("/api/transfers", new { transferId, fromAccountId = from, toAccountId = to, amount = 4 });
        var count = await Client.EventCountAsync();

        var other = await Client.PostAsync("/api/transfers", new { transferId, fromAccountId = from, toAccountId = to, amount = 5 });

        var problem = await other.ProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
        Assert.Contains(transferId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(count, await Client.EventCountAsync());
    }

    [Fact]
    public async Task ATransferIdWhoseFirstTransferWasRefused_CanStillBeUsed()
    {
        var (from, to) = (await Client.OpenNewAsync(1m), await Client.OpenNewAsync(0m));
        var transferId = Api.NewId("trf");
        var body = new { transferId, fromAccountId = from, toAccountId = to, amount = 4 };

        var refused = await Client.PostAsync("/api/transfers", body);
        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_funds");
        await Client.DepositAsync(from, 10m);
        var accepted = await Client.PostAsync("/api/transfers", body);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Null(accepted.Header("Idempotency-Replayed"));
        Assert.Equal(4m, await Client.BalanceAsync(to));
    }
}
