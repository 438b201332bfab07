namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Issue 14, projections: one instance applies them (the leader), the others read; a read on the instance
/// that took a command, right after its answer, reflects it (the read waits for that instance's read model,
/// see ReadFence); a killed leader is replaced and nothing is skipped or applied twice.
/// </summary>
public sealed class LeaderTests(ITestOutputHelper output)
{
    [PostgresOnlyFact(Instances.Why)]
    public async Task ExactlyOneInstanceLeads_AndAReadRightAfterACommand_OnEitherInstance_ReflectsIt()
    {
        await using var instances = await Instances.StartAsync(2);
        var (leader, _) = await instances.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        var follower = instances.Apps.Single(a => a != leader);
        using (var opened = await Instances.PostAsync(instances.ClientOf(follower), "/api/accounts", new { accountId = "RYW-1", holderId = "h", currency = "EUR", initialDeposit = 0 }, "open"))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        var lastPosition = 0L;
        var crossLag = new List<double>();
        var commandMs = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var ownReadMs = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var shownOnFirstRead = 0;
        for (var i = 1; i <= 30; i++)
        {
            var (took, other) = i % 2 == 0 ? (leader, follower) : (follower, leader);
            var sent = Stopwatch.GetTimestamp();
            using var deposited = await Instances.PostAsync(instances.ClientOf(took), "/api/accounts/RYW-1/deposits", new { amount = 1, transactionReference = $"d-{i}" }, $"d-{i}");
            var answered = Stopwatch.GetTimestamp();
            commandMs[took == leader].Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, deposited.StatusCode);
            var position = Instances.Position(deposited);
            Assert.True(position > lastPosition, $"Ledger-Position {position} after {lastPosition}");
            lastPosition = position;

            // Read-your-writes where the command was taken, leader or not.
            Assert.Equal(i, await Instances.BalanceAsync(instances.ClientOf(took), "RYW-1"));
            ownReadMs[took == leader].Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);

            // The other instance follows on its own; how long it takes is a figure, not a rule of this test.
            var reads = 1;
            while (await Instances.BalanceAsync(instances.ClientOf(other), "RYW-1") != i)
            {
                reads++;
                await Task.Delay(5);
            }

            shownOnFirstRead += reads == 1 ? 1 : 0;
            crossLag.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
        }

        Assert.Same(leader, instances.Leader());
        Figures.Report(output, nameof(ExactlyOneInstanceLeads_AndAReadRightAfterACommand_OnEitherInstance_ReflectsIt), new
        {
            commands = crossLag.Count,
            commandOnLeaderMsP50 = Stats.Percentile(commandMs[true], 50),
            commandOnFollowerMsP50 = Stats.Percentile(commandMs[false], 50),
            commandOnFollowerMsMax = commandMs[false].Max(),
            ownReadOnLeaderMsP50 = Stats.Percentile(ownReadMs[true], 50),
            ownReadOnFollowerMsP50 = Stats.Percentile(ownReadMs[false], 50),
            ownReadOnFollowerMsMax = ownReadMs[false].Max(),
            shownOnFirstReadOfTheOther = shownOnFirstRead,
            crossInstanceMsP50 = Stats.Percentile(crossLag, 50),
            crossInstanceMsP99 = Stats.Percentile(crossLag, 99),
        });
    }

    /// <summary>Polls <paramref name="condition"/>; a client that failed fails the wait with its own exception.</summary>
    private static async Task UntilAsync(Func<bool> condition, Task[] clients)
    {
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (!condition())
        {
            if (clients.FirstOrDefault(c => c.IsFaulted) is { } failed)
            {
                await failed;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, "the clients made no progress for 2 minutes");
            await Task.Delay(20);
        }
    }

    [PostgresOnlyFact(Instances.Why)]
    public async Task KillingTheLeaderUnderLoad_AnotherTakesOverWithin5s_AndNothingIsLostOrAppliedTwice()
    {
        const int AccountCount = 6;
        await using var instances = await Instances.StartAsync(3);
        var (leader, _) = await instances.WaitForLeaderAsync(TimeSpan.FromSeconds(10));
        for (var a = 0; a < AccountCount; a++)
        {
            using var opened = await Instances.PostAsync(instances.Clients[a % 3], "/api/accounts", new { accountId = $"KILL-{a}", holderId = "h", currency = "EUR", initialDeposit = 0 }, $"open-{a}");
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        // Two clients on each instance. A client whose instance dies resends what got no answer, with the
        // same key, to a survivor, as a client behind a load balancer would.
        var acknowledged = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var survivors = instances.Clients.Where(c => c != instances.ClientOf(leader)).ToArray();
        var clients = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
        {
            var http = instances.Clients[c % 3];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"c{c}-{i}";
                decimal amount = 1 + (i % 9);
                var body = new { amount, transactionReference = key };
                var path = $"/api/accounts/KILL-{(c + i) % AccountCount}/deposits";
                HttpResponseMessage answer;
                try
                {
                    answer = await Instances.PostAsync(http, path, body, key);
                }
                catch (HttpRequestException)
                {
                    http = survivors[c % survivors.Length];
                    answer = await Instances.PostAsync(http, path, body, key);
                }

                using (answer)
                {
                    Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{key}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                    acknowledged[key] = amount;
                }
            }
        })).ToArray();

        // Counted, not timed: the kill comes under load however slow the machine is today.
        await UntilAsync(() => acknowledged.Count >= 60, clients);
        var before = acknowledged.Count;
        await leader.KillAsync();
        var (next, takeover) = await instances.WaitForLeaderAsync(TimeSpan.FromSeconds(5), not: leader);
        var lagAtTakeover = instances.Lag();
        await UntilAsync(() => acknowledged.Count >= before + 60, clients);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        var caughtUp = await instances.WaitForNoLagAsync(TimeSpan.FromSeconds(5));

        Assert.NotSame(leader, next);
        var effects = LedgerChecks.EventsByCommand(instances.Database);
        Assert.All(acknowledged.Keys, key => Assert.True(effects.TryGetValue(key, out var events) && events.Count == 1, $"{key} wrote {effects.GetValueOrDefault(key)?.Count ?? 0} events"));
        Assert.Equal(acknowledged.Count + AccountCount, effects.Count);
        LedgerChecks.AssertContiguous(instances.Database);
        LedgerChecks.AssertReadModelEqualsReplay(instances.Database);
        foreach (var http in survivors)
        {
            var total = 0m;
            for (var a = 0; a < AccountCount; a++)
            {
                total += await Instances.BalanceAsync(http, $"KILL-{a}");
            }

            Assert.Equal(acknowledged.Values.Sum(), total);
        }

        Figures.Report(output, nameof(KillingTheLeaderUnderLoad_AnotherTakesOverWithin5s_AndNothingIsLostOrAppliedTwice), new
        {
            commandsBeforeKill = before,
            commands = acknowledged.Count,
            takeoverMs = takeover.TotalMilliseconds,
            lagAtTakeover,
            noLagAfterLoadMs = caughtUp.TotalMilliseconds,
        });
    }
}
