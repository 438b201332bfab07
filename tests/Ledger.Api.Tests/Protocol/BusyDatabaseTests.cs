namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Another process keeps the database's write lock for longer than the busy timeout (SQLite's
/// RESERVED lock, PostgreSQL's append lock): a command is answered 503 database_busy with Retry-After,
/// writes nothing, and is not recorded under its Idempotency-Key; reads go on meanwhile.
/// </summary>
public sealed class BusyDatabaseTests
{
    [Fact]
    public async Task Command_WhileAnotherProcessHoldsTheWriteLockTooLong_Is503Busy_AndTheSameKeyAppliesLater()
    {
        await using var factory = await LedgerApiFactory.CreateAsync(settings: new Dictionary<string, string> { ["Ledger:BusyTimeoutMilliseconds"] = "200" });
        using var client = factory.CreateClient();
        var id = await client.OpenNewAsync(10m);
        var events = await client.EventCountAsync();
        var key = Guid.NewGuid().ToString();
        var deposit = new { amount = 5, transactionReference = "while-busy" };

        HttpResponseMessage busy;
        await using (await factory.Database.HoldWriteLockAsync())
        {
            busy = await client.PostAsync($"/api/accounts/{id}/deposits", deposit, ("Idempotency-Key", key));
            var read = await client.GetJsonAsync($"/api/accounts/{id}");
            Assert.Equal(10m, read.GetProperty("balance").GetDecimal());
        }

        var problem = await busy.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database_busy");
        Assert.Contains("Nothing was written", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        Assert.Equal(events, await client.EventCountAsync());

        var applied = await client.PostAsync($"/api/accounts/{id}/deposits", deposit, ("Idempotency-Key", key));
        var result = await applied.OkJsonAsync();
        Assert.Null(applied.Header("Idempotency-Replayed"));
        Assert.Equal(15m, result.GetProperty("balance").GetDecimal());
        Assert.Equal(events + 1, await client.EventCountAsync());
    }
}
