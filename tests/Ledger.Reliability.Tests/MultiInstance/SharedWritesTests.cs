namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Issue 14, writes: three instances on one database take commands at once and the database alone keeps
/// them right (unique stream version, the processed-commands key), whatever each process has cached.
/// </summary>
public sealed class SharedWritesTests(ITestOutputHelper output)
{
    private const int AccountCount = 8;
    private const decimal Opening = 1_000m;

    [PostgresOnlyFact(Instances.Why)]
    public async Task DepositsAndTransfersThroughThreeInstances_KeepTheBankInvariant_WhileBalancesAreReadEvery50ms()
    {
        await Seeds.WithSeedAsync(20_261_130, async seed =>
        {
            await using var instances = await Instances.StartAsync(3);
            for (var a = 0; a < AccountCount; a++)
            {
                using var opened = await Instances.PostAsync(instances.Clients[a % 3], "/api/accounts", new { accountId = Account(a), holderId = "multi", currency = "EUR", initialDeposit = Opening }, $"open-{a}");
                Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            }

            // Every instance has every account before the reads begin; after that a read on an instance may lag
            // behind one on another (by milliseconds), but it always shows some whole prefix of the history.
            await instances.WaitForNoLagAsync(TimeSpan.FromSeconds(10));

            // Deposits are whole euros and transfers carry 37 cents: a total read with a fraction is half a transfer.
            var acknowledgedDeposits = 0m;
            var sentDeposits = 0m;
            var acknowledgedKeys = new ConcurrentBag<string>();
            var sums = new Lock();
            using var stop = new CancellationTokenSource();
            var random = new Random(seed);
            var clientSeeds = Enumerable.Range(0, 6).Select(_ => random.Next()).ToArray();
            var readerFailures = new ConcurrentQueue<string>();
            var reads = 0;
            var reader = Task.Run(async () =>
            {
                var readerRandom = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    var (total, lowest) = await TotalAsync(instances.Clients[readerRandom.Next(3)]);
                    decimal ceiling;
                    lock (sums)
                    {
                        ceiling = sentDeposits;
                    }

                    Interlocked.Increment(ref reads);
                    if (lowest < 0 || total != decimal.Truncate(total) || total < AccountCount * Opening || total > AccountCount * Opening + ceiling)
                    {
                        readerFailures.Enqueue($"read total {total}, lowest balance {lowest}, with deposits sent {ceiling}");
                    }

                    await Task.Delay(50);
                }
            });

            var clients = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
            {
                var r = new Random(clientSeeds[c]);
                var http = instances.Clients[c % 3];
                for (var i = 0; i < 40; i++)
                {
                    var key = $"c{c}-{i}";
                    if (r.Next(2) == 0)
                    {
                        decimal amount = r.Next(1, 50);
                        lock (sums)
                        {
                            sentDeposits += amount;
                        }

                        using var deposited = await Instances.PostAsync(http, $"/api/accounts/{Account(r.Next(AccountCount))}/deposits", new { amount, transactionReference = key }, key);
                        Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
                        lock (sums)
                        {
                            acknowledgedDeposits += amount;
                        }
                    }
                    else
                    {
                        var from = r.Next(AccountCount);
                        var to = (from + 1 + r.Next(AccountCount - 1)) % AccountCount;
                        using var moved = await Instances.PostAsync(http, "/api/transfers", new { fromAccountId = Account(from), toAccountId = Account(to), amount = r.Next(1, 300) + 0.37m }, key);
                        Assert.True(moved.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{key}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
                        if (moved.StatusCode != HttpStatusCode.OK)
                        {
                            continue;
                        }
                    }

                    acknowledgedKeys.Add(key);
                }
            })).ToArray();
            await Task.WhenAll(clients);
            await instances.WaitForNoLagAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await reader;

            Assert.True(readerFailures.IsEmpty, string.Join(Environment.NewLine, readerFailures.Take(5)));
            foreach (var http in instances.Clients)
            {
                var (total, lowest) = await TotalAsync(http);
                Assert.Equal(AccountCount * Opening + acknowledgedDeposits, total);
                Assert.True(lowest >= 0);
            }

            var effects = LedgerChecks.EventsByCommand(instances.Database);
            Assert.All(acknowledgedKeys, key => Assert.True(effects.TryGetValue(key, out var events) && events.Count is 1 or 2, $"{key} wrote {effects.GetValueOrDefault(key)?.Count ?? 0} events"));
            Assert.Equal(acknowledgedKeys.Count + AccountCount, effects.Count);
            LedgerChecks.AssertContiguous(instances.Database);
            LedgerChecks.AssertTransfersHaveBothLegs(instances.Database);
            LedgerChecks.AssertReadModelEqualsReplay(instances.Database);
            output.WriteLine($"{acknowledgedKeys.Count} commands through 3 instances, {reads} reads of every balance");
        });
    }

    [PostgresOnlyFact(Instances.Why)]
    public async Task OneIdempotencyKeyRacedOnTwoInstances_ActsOnce_AndBothCallersGetTheSameAnswer()
    {
        await using var instances = await Instances.StartAsync(2);
        using (var opened = await Instances.PostAsync(instances.Clients[0], "/api/accounts", new { accountId = "RACE-1", holderId = "h", currency = "EUR", initialDeposit = 0 }, "open"))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        const int Races = 20;
        for (var i = 0; i < Races; i++)
        {
            var key = $"raced-{i}";
            var sends = instances.Clients.Select(http => Instances.PostAsync(http, "/api/accounts/RACE-1/deposits", new { amount = 5, transactionReference = key }, key)).ToArray();
            var answers = await Task.WhenAll(sends);
            var bodies = new List<string>();
            foreach (var answer in answers)
            {
                using (answer)
                {
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                    bodies.Add(await answer.Content.ReadAsStringAsync());
                }
            }

            Assert.Equal(bodies[0], bodies[1]);
        }

        var effects = LedgerChecks.EventsByCommand(instances.Database);
        Assert.All(Enumerable.Range(0, Races), i => Assert.Single(effects[$"raced-{i}"]));
        foreach (var http in instances.Clients)
        {
            Assert.Equal(Races * 5m, await Instances.BalanceAsync(http, "RACE-1"));
        }
    }

    [PostgresOnlyFact(Instances.Why)]
    public async Task AStateCachedOnOneInstance_WhenAnotherWroteSince_IsDecidedAgainOnFreshState()
    {
        await using var instances = await Instances.StartAsync(2);
        var (a, b) = (instances.Clients[0], instances.Clients[1]);
        using (var opened = await Instances.PostAsync(a, "/api/accounts", new { accountId = "STALE-1", holderId = "h", currency = "EUR", initialDeposit = 100 }, "open"))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        // A now holds the account at 40 in its cache; B takes it to 10 behind A's back.
        using (var first = await Instances.PostAsync(a, "/api/accounts/STALE-1/withdrawals", new { amount = 60, transactionReference = "w-a1" }, "w-a1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var behind = await Instances.PostAsync(b, "/api/accounts/STALE-1/withdrawals", new { amount = 30, transactionReference = "w-b1" }, "w-b1"))
        {
            Assert.Equal(HttpStatusCode.OK, behind.StatusCode);
        }

        // On A's cached 40 a withdrawal of 20 would pass: the append's unique version refuses it, and decided again it is refused.
        using var stale = await Instances.PostAsync(a, "/api/accounts/STALE-1/withdrawals", new { amount = 20, transactionReference = "w-a2" }, "w-a2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Equal("insufficient_funds", JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(10m, await Instances.BalanceAsync(a, "STALE-1"));
        Assert.False(LedgerChecks.EventsByCommand(instances.Database).ContainsKey("w-a2"));

        // And a withdrawal that fits the fresh state goes through on A.
        using var fits = await Instances.PostAsync(a, "/api/accounts/STALE-1/withdrawals", new { amount = 10, transactionReference = "w-a3" }, "w-a3");
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(0m, await Instances.BalanceAsync(a, "STALE-1"));
    }

    private static string Account(int index) => $"MI-{index:00}";

    private static async Task<(decimal Total, decimal Lowest)> TotalAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/accounts?pageSize=500", UriKind.Relative)));
        var balances = document.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("balance").GetDecimal()).ToList();
        return (balances.Sum(), balances.Count == 0 ? 0 : balances.Min());
    }
}
