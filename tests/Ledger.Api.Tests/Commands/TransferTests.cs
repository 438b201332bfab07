namespace Ledger.Api.Tests.Commands;

public sealed class TransferTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Transfer_MovesMoney_AndAnswersBothLegs_WithTheSourceVersionAsETag()
    {
        var (from, to) = (await Client.OpenNewAsync(100m), await Client.OpenNewAsync(5m));

        var response = await Client.PostAsync("/api/transfers", new { transferId = "rent-2026-03", fromAccountId = from, toAccountId = to, amount = 40.5m, description = "Rent" });

        var result = await response.OkJsonAsync();
        Assert.Equal("rent-2026-03", result.GetProperty("transferId").GetString());
        Assert.Equal(from, result.GetProperty("from").GetProperty("accountId").GetString());
        Assert.Equal(59.5m, result.GetProperty("from").GetProperty("balance").GetDecimal());
        Assert.Equal(45.5m, result.GetProperty("to").GetProperty("balance").GetDecimal());
        Assert.Equal(2, result.GetProperty("to").GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", response.ETag());
        var legs = (await Client.GetJsonAsync($"/api/accounts/{to}/events?fromVersion=2")).GetProperty("items");
        Assert.Equal("TransferReceived", legs[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Transfer_WithoutTransferId_GeneratesOne()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));

        var result = await (await Client.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 1 })).OkJsonAsync();

        Assert.StartsWith("TRF-", result.GetProperty("transferId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ToTheSameAccount_Is422SameAccount()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.RefusedAsync(c => c.PostAsync("/api/transfers", new { fromAccountId = id, toAccountId = id, amount = 1 }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "same_account");
    }

    [Fact]
    public async Task Transfer_BetweenCurrencies_Is422CurrencyMismatch()
    {
        var (from, to) = (await Client.OpenNewAsync(10m, "EUR"), await Client.OpenNewAsync(10m, "USD"));

        var response = await Client.RefusedAsync(c => c.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 1 }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "currency_mismatch");
    }

    [Fact]
    public async Task Transfer_ToAnAccountThatDoesNotExist_Is404AccountNotFound()
    {
        var from = await Client.OpenNewAsync(10m);

        var response = await Client.RefusedAsync(c => c.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = Api.NewId(), amount = 1 }));

        await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task Transfer_MoreThanTheSourceHolds_Is422InsufficientFunds()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));

        var response = await Client.RefusedAsync(c => c.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 10.01m }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_funds");
    }

    [Fact]
    public async Task Transfer_IfMatch_IsCheckedAgainstTheSourceAccount()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));
        await Client.DepositAsync(to, 1m);

        var stale = await Client.RefusedAsync(c => c.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 1 }, ("If-Match", "\"2\"")));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");

        var current = await Client.PostAsync("/api/transfers", new { fromAccountId = from, toAccountId = to, amount = 1 }, ("If-Match", "\"1\""));
        await current.OkJsonAsync();
        Assert.Equal("\"2\"", current.ETag());
    }
}
