namespace Ledger.Api.Tests.Protocol;

public sealed class IdempotencyTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task SameKeyAndBody_AgainAnswersTheFirstResponse_MarkedReplayed_AndWritesNothing()
    {
        var id = await Client.OpenNewAsync(10m);
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 5, transactionReference = "inv-7" };

        var first = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));
        var firstBody = await first.Content.ReadAsStringAsync();
        var countAfterFirst = await Client.EventCountAsync();
        var again = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Header("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(first.ETag(), again.ETag());
        Assert.Equal(countAfterFirst, await Client.EventCountAsync());
        Assert.Equal(15m, await Client.BalanceAsync(id));
    }

    [Fact]
    public async Task OpenAccount_Replayed_Answers201WithTheSameLocation_EvenForAGeneratedId()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { holderId = "h-replay", currency = "EUR", initialDeposit = 1 };

        var first = await Client.PostAsync("/api/accounts", body, ("Idempotency-Key", key));
        var again = await Client.PostAsync("/api/accounts", body, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("\"1\"", again.ETag());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Transfer_Replayed_AnswersTheFirstResult_AndMovesMoneyOnce()
    {
        var (from, to) = (await Client.OpenNewAsync(10m), await Client.OpenNewAsync(0m));
        var key = Guid.NewGuid().ToString();
        var body = new { fromAccountId = from, toAccountId = to, amount = 4 };

        var first = await Client.PostAsync("/api/transfers", body, ("Idempotency-Key", key));
        var again = await Client.PostAsync("/api/transfers", body, ("Idempotency-Key", key));

        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(6m, await Client.BalanceAsync(from));
    }

    [Fact]
    public async Task ARefusal_IsTheFirstResponseToo_EvenAfterTheStateWouldAllowIt()
    {
        var id = await Client.OpenNewAsync(10m);
        var key = Guid.NewGuid().ToString();
        var withdrawal = new { amount = 25, transactionReference = "rent" };

        var first = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", withdrawal, ("Idempotency-Key", key)));
        var firstBody = await first.Content.ReadAsStringAsync();
        (await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 100, transactionReference = "salary" })).EnsureSuccessStatusCode();
        var countBeforeResend = await Client.EventCountAsync();
        var again = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", withdrawal, ("Idempotency-Key", key)));

        await first.ProblemAsync((HttpStatusCode)422, "insufficient_funds");
        Assert.Null(first.Header("Idempotency-Replayed"));
        await again.ProblemAsync((HttpStatusCode)422, "insufficient_funds");
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(countBeforeResend, await Client.EventCountAsync());
        Assert.Equal(110m, await Client.BalanceAsync(id));
    }

    [Fact]
    public async Task ARefusalsKey_WithAnotherBody_Is409IdempotencyKeyReused()
    {
        var id = await Client.OpenNewAsync(10m);
        var key = Guid.NewGuid().ToString();
        await (await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 25, transactionReference = "r" }, ("Idempotency-Key", key))))
            .ProblemAsync((HttpStatusCode)422, "insufficient_funds");

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 5, transactionReference = "r" }, ("Idempotency-Key", key)));

        await response.ProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
    }

    [Fact]
    public async Task AnInvalidRequest_IsNotRecorded_SoTheKeyServesTheCorrectedRequest()
    {
        var id = await Client.OpenNewAsync(10m);
        var key = Guid.NewGuid().ToString();
        await (await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/deposits", new { amount = -5, transactionReference = "r" }, ("Idempotency-Key", key))))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var corrected = await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 5, transactionReference = "r" }, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Null(corrected.Header("Idempotency-Replayed"));
    }

    [Theory]
    [InlineData("deposits", 6)] // the same route with another body
    [InlineData("withdrawals", 5)] // the same body on another route
    public async Task SameKeyForAnotherRequest_Is409IdempotencyKeyReused(string route, int amount)
    {
        var id = await Client.OpenNewAsync();
        var key = Guid.NewGuid().ToString();
        (await Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 5, transactionReference = "r" }, ("Idempotency-Key", key))).EnsureSuccessStatusCode();

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/{route}", new { amount, transactionReference = "r" }, ("Idempotency-Key", key)));

        await response.ProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
    }

    [Fact]
    public async Task ReplayOfAnIfMatchCommand_AnswersTheFirstResponse_ThoughTheVersionHasMovedOn()
    {
        var id = await Client.OpenNewAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 5, transactionReference = "r" };
        var first = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"1\""));

        var again = await Client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key), ("If-Match", "\"1\""));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Header("Idempotency-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RacingRequestsWithOneKey_WriteOnce_AndAllAnswerTheSameResult()
    {
        var id = await Client.OpenNewAsync(0m);
        var before = await Client.EventCountAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 3, transactionReference = "race" }, ("Idempotency-Key", key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses, r => r.Header("Idempotency-Replayed") is null);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(before + 1, await Client.EventCountAsync());
        Assert.Equal(3m, await Client.BalanceAsync(id));
    }

    [Fact]
    public async Task RacingRequestsWithDifferentKeys_AllApply()
    {
        var id = await Client.OpenNewAsync(0m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Client.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = $"r{i}" }, ("Idempotency-Key", Guid.NewGuid().ToString()))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var account = await Client.GetJsonAsync($"/api/accounts/{id}");
        Assert.Equal(10m, account.GetProperty("balance").GetDecimal());
        Assert.Equal(11, account.GetProperty("version").GetInt64());
    }
}

/// <summary>The idempotency record is stored with the events, so a replay after a restart still finds it.</summary>
public sealed class IdempotencyAcrossRestartTests
{
    [Fact]
    public async Task ReplayAfterARestart_AnswersTheFirstResponse_AndWritesNothing()
    {
        await using var database = await TestDatabase.NewAsync("ledger-api-test");
        {
            var id = Api.NewId();
            var key = Guid.NewGuid().ToString();
            var body = new { amount = 7.5m, transactionReference = "before-restart" };
            string firstBody;
            string? firstETag;
            long countBefore;
            await using (var first = await LedgerApiFactory.CreateAsync(database.Borrow()))
            {
                using var client = first.CreateClient();
                await client.OpenAsync(id, 1m);
                var response = await client.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));
                firstBody = await response.Content.ReadAsStringAsync();
                firstETag = response.ETag();
                countBefore = await client.EventCountAsync();
            }

            await using var restarted = await LedgerApiFactory.CreateAsync(database.Borrow());
            using var again = restarted.CreateClient();
            var replay = await again.PostAsync($"/api/accounts/{id}/deposits", body, ("Idempotency-Key", key));

            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("true", replay.Header("Idempotency-Replayed"));
            Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
            Assert.Equal(firstETag, replay.ETag());
            Assert.Equal(countBefore, await again.EventCountAsync());
            Assert.Equal(8.5m, await again.BalanceAsync(id));

            var reused = await again.PostAsync($"/api/accounts/{id}/deposits", new { amount = 1, transactionReference = "other" }, ("Idempotency-Key", key));
            await reused.ProblemAsync(HttpStatusCode.Conflict, "idempotency_key_reused");
        }
    }
}
