namespace Ledger.Api.Tests.Commands;

public sealed class AccountCommandTests(ApiFixture fixture) : ApiTest(fixture)
{
    /// <summary>A decimal keeps the zeros it was written with; a balance must read the same on every route regardless.</summary>
    [Fact]
    public async Task AnAmountWrittenWithTrailingZeros_LeavesNoTraceInAnyBalance()
    {
        var id = Api.NewId();
        using var opened = await Client.PostAsync("/api/accounts", Api.JsonContent($"{{\"accountId\":\"{id}\",\"holderId\":\"h\",\"currency\":\"EUR\",\"initialDeposit\":100.00}}"));
        using var deposited = await Client.PostAsync($"/api/accounts/{id}/deposits", Api.JsonContent("{\"amount\":10.000,\"transactionReference\":\"r\"}"));
        using var again = await Client.PostAsync($"/api/accounts/{id}/deposits", Api.JsonContent("{\"amount\":100000000000000000000000000000e-28,\"transactionReference\":\"r2\"}"));

        Assert.Contains("\"balance\":100,", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"balance\":110,", await deposited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"balance\":120,", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"balance\":120,", await Client.GetStringAsync($"/api/accounts/{id}"), StringComparison.Ordinal);
        var amounts = (await Client.GetJsonAsync($"/api/accounts/{id}/events")).GetProperty("items").EnumerateArray()
            .Skip(1).Select(e => e.GetProperty("data").GetProperty("amount").GetRawText());
        Assert.Equal(["10", "10"], amounts);
    }

    [Fact]
    public async Task OpenAccount_Answers201_WithLocation_ETag1_AndTheAccount()
    {
        var id = Api.NewId();

        var response = await Client.PostAsync("/api/accounts", new { accountId = id, holderId = "h-42", holderName = "Ada Lovelace", currency = "EUR", initialDeposit = 250.50m });

        var account = await response.OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/accounts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Null(response.Header("Idempotency-Replayed"));
        Assert.Equal(id, account.GetProperty("accountId").GetString());
        Assert.Equal("h-42", account.GetProperty("holderId").GetString());
        Assert.Equal("Ada Lovelace", account.GetProperty("holderName").GetString());
        Assert.Equal("EUR", account.GetProperty("currency").GetString());
        Assert.Equal(250.50m, account.GetProperty("balance").GetDecimal());
        Assert.Equal("Active", account.GetProperty("status").GetString());
        Assert.Equal(1, account.GetProperty("version").GetInt64());
        Assert.Equal(account.GetProperty("openedAt").GetDateTimeOffset(), account.GetProperty("lastUpdatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task OpenAccount_WithoutAccountId_GeneratesOne_AndLocationPointsAtIt()
    {
        var response = await Client.PostAsync("/api/accounts", new { holderId = "h-1", currency = "JPY", initialDeposit = 1000 });

        var account = await response.OkJsonAsync(HttpStatusCode.Created);
        var id = account.GetProperty("accountId").GetString()!;
        Assert.StartsWith("ACC-", id, StringComparison.Ordinal);
        Assert.Equal("h-1", account.GetProperty("holderName").GetString());
        var fetched = await Client.GetJsonAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(id, fetched.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task OpenAccount_WhenIdIsTaken_Is422AccountExists_AndWritesNothing()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.RefusedAsync(c => c.PostAsync("/api/accounts", new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 0 }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "account_exists");
    }

    [Fact]
    public async Task OpenAccount_WithInitialDepositOverTheLimit_Is422DepositLimitExceeded()
    {
        var response = await Client.RefusedAsync(c => c.PostAsync("/api/accounts", new { accountId = Api.NewId(), holderId = "h", currency = "EUR", initialDeposit = 1_000_000.01m }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "deposit_limit_exceeded");
    }

    [Fact]
    public async Task Deposit_AddsToTheBalance_AndAnswersCommandResultWithNewVersionAsETag()
    {
        var id = await Client.OpenNewAsync(100m);

        var response = await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 20.25m, transactionReference = "inv-1", description = "Invoice 1" });

        var result = await response.OkJsonAsync();
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(id, result.GetProperty("accountId").GetString());
        Assert.Equal(2, result.GetProperty("version").GetInt64());
        Assert.Equal(120.25m, result.GetProperty("balance").GetDecimal());
        Assert.Equal("Active", result.GetProperty("status").GetString());
        var eventId = Assert.Single(result.GetProperty("eventIds").EnumerateArray()).GetGuid();
        var events = await Client.GetJsonAsync($"/api/accounts/{id}/events?fromVersion=2");
        var stored = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal(eventId, stored.GetProperty("eventId").GetGuid());
        Assert.Equal("MoneyDeposited", stored.GetProperty("type").GetString());
        Assert.Equal("Invoice 1", stored.GetProperty("data").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Deposit_IntoAnAccountThatDoesNotExist_Is404AccountNotFound()
    {
        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{Api.NewId()}/deposits", new { amount = 1, transactionReference = "r" }));

        await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task Deposit_OverTheSingleDepositLimit_Is422DepositLimitExceeded()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1_000_001, transactionReference = "r" }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "deposit_limit_exceeded");
    }

    [Fact]
    public async Task Withdraw_TakesFromTheBalance()
    {
        var id = await Client.OpenNewAsync(100m);

        var response = await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 99.99m, transactionReference = "atm-7" });

        var result = await response.OkJsonAsync();
        Assert.Equal(0.01m, result.GetProperty("balance").GetDecimal());
        Assert.Equal("\"2\"", response.ETag());
    }

    [Fact]
    public async Task Withdraw_MoreThanTheBalance_Is422InsufficientFunds_AndWritesNothing()
    {
        var id = await Client.OpenNewAsync(10m);

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 10.01m, transactionReference = "r" }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_funds");
        Assert.Equal(10m, await Client.BalanceAsync(id));
    }

    [Fact]
    public async Task Close_AnEmptyAccount_ClosesIt_AndRecordsTheActorAsClosedBy()
    {
        var id = await Client.OpenNewAsync(0m);

        var response = await Client.PostAsync($"/api/accounts/{id}/close", new { reason = "Customer left" }, ("X-Actor", "clerk-9"));

        var result = await response.OkJsonAsync();
        Assert.Equal("Closed", result.GetProperty("status").GetString());
        Assert.Equal("\"2\"", response.ETag());
        var closed = (await Client.GetJsonAsync($"/api/accounts/{id}/events?fromVersion=2")).GetProperty("items")[0];
        Assert.Equal("AccountClosed", closed.GetProperty("type").GetString());
        Assert.Equal("clerk-9", closed.GetProperty("data").GetProperty("closedBy").GetString());
        Assert.Equal("Closed", (await Client.GetJsonAsync($"/api/accounts/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_WithMoneyLeft_Is422BalanceNotZero()
    {
        var id = await Client.OpenNewAsync(5m);

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/close", new { reason = "r" }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "balance_not_zero");
    }

    [Fact]
    public async Task Deposit_IntoAClosedAccount_Is422AccountClosed()
    {
        var id = await Client.OpenNewAsync(0m);
        (await Client.PostAsync($"/api/accounts/{id}/close", new { reason = "done", closedBy = "ops" })).EnsureSuccessStatusCode();

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "r" }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "account_closed");
    }

    [Fact]
    public async Task ActorAndCorrelationHeaders_AreRecordedInTheEventMetadata_AndActorDefaultsToApi()
    {
        var id = await Client.OpenNewAsync();
        (await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "r1" }, ("X-Actor", "importer"), ("X-Correlation-Id", "batch-2026-03"))).EnsureSuccessStatusCode();

        var items = (await Client.GetJsonAsync($"/api/accounts/{id}/events")).GetProperty("items");

        Assert.Equal("api", items[0].GetProperty("metadata").GetProperty("actor").GetString());
        var metadata = items[1].GetProperty("metadata");
        Assert.Equal("importer", metadata.GetProperty("actor").GetString());
        Assert.Equal("batch-2026-03", metadata.GetProperty("correlationId").GetString());
    }
}
