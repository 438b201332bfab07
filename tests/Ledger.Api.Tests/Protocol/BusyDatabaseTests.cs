namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Another process keeps the database's write lock for longer than the busy timeout (SQLite's
/// RESERVED lock, PostgreSQL's append lock): a command is answered 503 database_busy with Retry-After,
/// writes nothing, and is not recorded under its Idempotency-Key; reads go on meanwhile.
/// </summary>
public sealed class BusyDatabaseTests() : OwnAppApiTest(new Dictionary<string, string> { ["Ledger:BusyTimeoutMilliseconds"] = "200" })
{
    [Fact]
    public async Task Command_WhileAnotherProcessHoldsTheWriteLockTooLong_Is503Busy_AndTheSameKeyAppliesLater()
    {
        var id = await Client.OpenNewAsync(10m);
        var events = await Client.EventCountAsync();
        var key = Guid.NewGuid().ToString();
        var deposit = new { amount = 5, transactionReference = "while-busy" };

        HttpResponseMessage busy;
        await using (await Factory.Database.HoldWriteLockAsync())
        {
            busy = await Client.PostAsync($"/api/accounts/{id}/deposits", deposit, ("Idempotency-Key", key));
            var read = await Client.GetJsonAsync($"/api/accounts/{id}");
            Assert.Equal(10m, read.GetProperty("balance").GetDecimal());
        }

        var problem = await busy.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database_busy");
        Assert.Contains("Nothing was written", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        Assert.Equal(events, await Client.EventCountAsync());

        var applied = await Client.PostAsync($"/api/accounts/{id}/deposits", deposit, ("Idempotency-Key", key));
        var result = await applied.OkJsonAsync();
        Assert.Null(applied.Header("Idempotency-Replayed"));
        Assert.Equal(15m, result.GetProperty("balance").GetDecimal());
        Assert.Equal(events + 1, await Client.EventCountAsync());
    }
}
