using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Storage;

namespace Ledger.Api.Tests.Protocol;

public sealed class ETagTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ETagIfMatchCycle_CurrentVersionApplies_StaleVersionIs412AndWritesNothing()
    {
        var id = await Client.OpenNewAsync(50m);

        var read = await Client.GetAsync($"/api/accounts/{id}");
        Assert.Equal("\"1\"", read.ETag());

        var applied = await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 10, transactionReference = "w1" }, ("If-Match", read.ETag()!));
        await applied.OkJsonAsync();
        Assert.Equal("\"2\"", applied.ETag());

        var stale = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 10, transactionReference = "w2" }, ("If-Match", read.ETag()!)));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");

        var reread = await Client.GetAsync($"/api/accounts/{id}");
        Assert.Equal("\"2\"", reread.ETag());
        Assert.Equal(40m, (await reread.OkJsonAsync()).GetProperty("balance").GetDecimal());

        var retried = await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 10, transactionReference = "w2" }, ("If-Match", reread.ETag()!));
        await retried.OkJsonAsync();
        Assert.Equal("\"3\"", retried.ETag());
    }

    [Fact]
    public async Task IfMatch_AheadOfTheAccount_Is412()
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.RefusedAsync(c => c.PostAsync($"/api/accounts/{id}/close", new { reason = "r" }, ("If-Match", "\"9\"")));

        await response.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
    }

    [Fact]
    public async Task IfMatch0_OnOpen_MeansTheAccountMustNotExistYet()
    {
        var id = Api.NewId();

        var opened = await Client.PostAsync("/api/accounts", new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 0 }, ("If-Match", "\"0\""));

        await opened.OkJsonAsync(HttpStatusCode.Created);
        var again = await Client.RefusedAsync(c => c.PostAsync("/api/accounts", new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = 0 }, ("If-Match", "\"0\"")));
        await again.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
    }

    /// <summary>
    /// Without If-Match the answer is 404, so the precondition is not asked at all (RFC 9110 §13.2.1): "reload and
    /// try again" would send the caller after a version of an account that is not there.
    /// </summary>
    [Theory]
    [InlineData("/api/accounts/{id}/deposits", "{\"amount\":1,\"transactionReference\":\"r\"}")]
    [InlineData("/api/accounts/{id}/withdrawals", "{\"amount\":1,\"transactionReference\":\"r\"}")]
    [InlineData("/api/accounts/{id}/close", "{\"reason\":\"r\"}")]
    [InlineData("/api/transfers", "{\"fromAccountId\":\"{id}\",\"toAccountId\":\"{other}\",\"amount\":1}")]
    public async Task IfMatch_OnAnAccountThatDoesNotExist_Is404AccountNotFound(string route, string body)
    {
        var missing = Api.NewId();
        var other = await Client.OpenNewAsync();
        var path = route.Replace("{id}", missing, StringComparison.Ordinal);
        var json = body.Replace("{id}", missing, StringComparison.Ordinal).Replace("{other}", other, StringComparison.Ordinal);

        var response = await Client.RefusedAsync(c => c.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = Api.JsonContent(json),
            Headers = { { "If-Match", "\"1\"" } },
        }));

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "account_not_found");
        Assert.Contains(missing, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Races with another process, played by an event store that lets a rival append first. Handlers retry
/// such conflicts; the API answers 409 when they persist and 412 when the caller pinned a version.
/// </summary>
public sealed class ConcurrencyConflictTests
{
    [Fact]
    public async Task ConflictThatOutlastsTheRetries_Is409ConcurrencyConflict_AndTheCommandWritesNothing()
    {
        await using var app = await RivalApp.StartAsync(maxRetries: 0);
        var before = await app.Client.EventCountAsync();
        app.ArmRival(1);

        var response = await app.Client.PostAsync(app.Deposits, new { amount = 5, transactionReference = "lost-race" });

        await response.ProblemAsync(HttpStatusCode.Conflict, "concurrency_conflict");
        Assert.Equal(before + 1, await app.Client.EventCountAsync()); // the rival's event only
    }

    [Fact]
    public async Task ConflictWithoutIfMatch_IsRetriedOnFreshState_AndSucceeds()
    {
        await using var app = await RivalApp.StartAsync(maxRetries: 3);
        app.ArmRival(2);

        var response = await app.Client.PostAsync(app.Deposits, new { amount = 5, transactionReference = "won-on-retry" });

        var result = await response.OkJsonAsync();
        Assert.Equal(4, result.GetProperty("version").GetInt64());
        Assert.Equal(10m + RivalWriterEventStore.RivalAmount * 2 + 5m, result.GetProperty("balance").GetDecimal());
        Assert.Equal("\"4\"", response.ETag());
    }

    [Fact]
    public async Task ConflictWithIfMatch_IsNotRetried_AndIs412VersionMismatch()
    {
        await using var app = await RivalApp.StartAsync(maxRetries: 3);
        app.ArmRival(1);

        var response = await app.Client.PostAsync(app.Deposits, new { amount = 5, transactionReference = "pinned" }, ("If-Match", "\"1\""));

        await response.ProblemAsync(HttpStatusCode.PreconditionFailed, "version_mismatch");
    }

    /// <summary>An app on a database of its own whose store lets a rival append first when armed, with an account holding 10.</summary>
    private sealed class RivalApp(LedgerApiFactory factory, HttpClient client, string accountId) : IAsyncDisposable
    {
        public HttpClient Client => client;

        /// <summary>The account's deposits route.</summary>
        public string Deposits => $"/api/accounts/{accountId}/deposits";

        public static async Task<RivalApp> StartAsync(int maxRetries)
        {
            var factory = new LedgerApiFactory(
                await TestDatabase.NewAsync("ledger-api-test"),
                services: ForwardingEventStore.Install<RivalWriterEventStore>,
                settings: new Dictionary<string, string> { ["Ledger:MaxConcurrencyRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var client = factory.CreateClient();
            try
            {
                return new RivalApp(factory, client, await client.OpenNewAsync(10m));
            }
            catch
            {
                client.Dispose();
                await factory.DisposeAsync();
                throw;
            }
        }

        /// <summary>A rival appends first before each of the next <paramref name="appends"/> appends.</summary>
        public void ArmRival(int appends) => factory.Services.GetRequiredService<RivalWriterEventStore>().Arm(appends);

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await factory.DisposeAsync();
        }
    }
}

/// <summary>Before each of the next N appends, appends a deposit of its own at the same version, as another process would.</summary>
public sealed class RivalWriterEventStore : ForwardingEventStore
{
    public const decimal RivalAmount = 1m;

    private int rivals;

    public void Arm(int count) => Interlocked.Exchange(ref rivals, count);

    protected override async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IEventStoreSession inner, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref rivals) >= 0)
        {
            var target = appends[0];
            var accountId = target.Events[0].Data.AccountId;
            var deposit = new MoneyDeposited(accountId, RivalAmount, "rival", "Another process got here first", DateTimeOffset.UtcNow);
            await inner.AppendAsync([new StreamAppend(target.StreamId, target.Expected, [NewEvent.From(deposit)])], new EventMetadata("rival", "rival", "rival"), null, cancellationToken);
        }

        return await inner.AppendAsync(appends, metadata, command, cancellationToken);
    }
}
