namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 7, item 5: the real app under load through its HTTP API, SIGKILLed at random moments and
/// restarted on the same file. After each kill: the file is intact, every acknowledged command is
/// there exactly once, nothing is half applied, streams are gapless, and once the app has caught up
/// the read model equals a fresh replay. Commands whose reply the kill swallowed are resent with the
/// same Idempotency-Key, as a client would, and must end up applied exactly once too.
/// With many clients nearly every commit is a batch of several commands (group commit), so most kills
/// land while one is being decided or committed: still only unacknowledged commands may be missing.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>What the app logs for each commit of several commands (group commit, at Debug).</summary>
    private const string BatchLine = "commands (";

    private static readonly Dictionary<string, string> BatchLog = new() { ["Logging__LogLevel__Ledger.Infrastructure.Application.Writing"] = "Debug" };
    private const int AccountCount = 6;
    private const decimal Opening = 10_000m;
    private static readonly int Kills = Soak.Size("CRASH_KILLS", ci: 20, soak: 1_000);

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public async Task SigkillAtRandomMoments_LosesNoAcknowledgedCommand_AndRecovers(int clients)
    {
        await Seeds.WithSeedAsync(20_260_811 + clients, async seed =>
        {
            var random = new Random(seed);
            var database = await TestDatabase.NewAsync("ledger-rel");
            var commands = new Dictionary<string, SentCommand>(StringComparer.Ordinal);
            var recoveries = new List<double>();
            var catchUps = new List<double>();
            var inFlightAtKill = 0;
            var inFlightThatHadCommitted = 0;
            var batchesSeen = 0;
            var (app, _) = await AppProcess.StartAsync(database, environment: BatchLog);
            try
            {
                using (var http = app.CreateClient())
                {
                    for (var a = 0; a < AccountCount; a++)
                    {
                        var open = new SentCommand($"open-{a}", "open", $"/api/accounts", new { accountId = Account(a), holderId = "crash", currency = "EUR", initialDeposit = Opening }, 1, Opening);
                        commands[open.Key] = open;
                        await open.SendAsync(http);
                        Assert.Equal(SentState.Applied, open.State);
                    }
                }

                for (var kill = 0; kill < Kills; kill++)
                {
                    // Load from several clients, then SIGKILL at a random moment.
                    var stop = new CancellationTokenSource();
                    using var http = app.CreateClient();
                    var clientSeeds = Enumerable.Range(0, clients).Select(_ => random.Next()).ToArray();
                    var running = Enumerable.Range(0, clients)
                        .Select(c => Task.Run(() => ClientAsync(http, kill, c, new Random(clientSeeds[c]), commands, stop.Token)))
                        .ToArray();
                    await Task.Delay(random.Next(20, 300));
                    await app.KillAsync();
                    await stop.CancelAsync();
                    await Task.WhenAll(running);
                    batchesSeen += CountBatches(app.Output);

                    // Dead: look at the file exactly as the crash left it.
                    var context = $"after kill {kill}: ";
                    if (database is SqliteTestDatabase file)
                    {
                        // A killed client cannot harm a PostgreSQL server's files; a SQLite file it writes itself.
                        Assert.Equal("ok", LedgerChecks.IntegrityCheck(file));
                    }

                    LedgerChecks.AssertContiguous(database, context);
                    LedgerChecks.AssertTransfersHaveBothLegs(database, context);
                    var effects = EffectsByKey(database);
                    foreach (var sent in commands.Values)
                    {
                        var count = effects.GetValueOrDefault(sent.Key);
                        switch (sent.State)
                        {
                            case SentState.Applied:
                                Assert.True(count == sent.Events, $"{context}acknowledged {sent} has {count} events");
                                break;
                            case SentState.Refused:
                                Assert.True(count == 0, $"{context}refused {sent} has {count} events");
                                break;
                            default:
                                Assert.True(count == 0 || count == sent.Events, $"{context}unacknowledged {sent} is half applied: {count} events");
                                break;
                        }
                    }

                    var pending = commands.Values.Where(s => s.State == SentState.InFlight).ToArray();
                    inFlightAtKill += pending.Length;
                    inFlightThatHadCommitted += pending.Count(s => effects.GetValueOrDefault(s.Key) > 0);

                    // Restart, resend what never got an answer, wait for the projections to catch up.
                    await app.DisposeAsync();
                    (app, var ready) = await AppProcess.StartAsync(database, environment: BatchLog);
                    recoveries.Add(ready.TotalMilliseconds);
                    using var again = app.CreateClient();
                    foreach (var sent in pending)
                    {
                        await sent.SendAsync(again);
                        Assert.True(sent.State != SentState.InFlight, $"{context}resending {sent} got no answer");
                    }

                    catchUps.Add(await WaitForCatchUpAsync(again));
                    LedgerChecks.AssertReadModelEqualsReplay(database, context);
                    await AssertTotalAsync(again, commands, context);
                }

                var finalEffects = EffectsByKey(database);
                foreach (var sent in commands.Values)
                {
                    Assert.True(finalEffects.GetValueOrDefault(sent.Key) == (sent.State == SentState.Applied ? sent.Events : 0), $"end: {sent} has {finalEffects.GetValueOrDefault(sent.Key)} events");
                }

                if (clients > 4)
                {
                    Assert.True(batchesSeen > 0, "no commit of several commands was seen: the kills never met group commit");
                }

                Figures.Report(output, nameof(SigkillAtRandomMoments_LosesNoAcknowledgedCommand_AndRecovers), new
                {
                    seed,
                    kills = Kills,
                    clients,
                    batchesOfSeveralCommands = batchesSeen,
                    commands = commands.Count,
                    applied = commands.Values.Count(s => s.State == SentState.Applied),
                    refused = commands.Values.Count(s => s.State == SentState.Refused),
                    unansweredAtKill = inFlightAtKill,
                    unansweredThatHadCommitted = inFlightThatHadCommitted,
                    events = LedgerChecks.Scalar(database, "SELECT COUNT(*) FROM events"),
                    recoveryMsP50 = Stats.Percentile(recoveries, 50),
                    recoveryMsP99 = Stats.Percentile(recoveries, 99),
                    recoveryMsMax = recoveries.Max(),
                    catchUpMsP50 = Stats.Percentile(catchUps, 50),
                    catchUpMsP99 = Stats.Percentile(catchUps, 99),
                });
            }
            catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}app output:{Environment.NewLine}{app.Output}", failure);
            }
            finally
            {
                await app.DisposeAsync();
                await database.DisposeAsync();
            }
        });
    }

    private static string Account(int a) => $"CRASH-{a}";

    private static int CountBatches(string output) =>
        output.Split('\n').Count(line => line.Contains(BatchLine, StringComparison.Ordinal) && line.Contains("in one transaction", StringComparison.Ordinal));

    private static async Task ClientAsync(HttpClient http, int kill, int client, Random random, Dictionary<string, SentCommand> commands, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var key = $"k{kill}-c{client}-{n}";
            var a = random.Next(AccountCount);
            var amount = random.Next(1, 20_000) / 100m;
            var sent = random.Next(3) switch
            {
                0 => new SentCommand(key, "deposit", $"/api/accounts/{Account(a)}/deposits", new { amount, transactionReference = key }, 1, amount),
                1 => new SentCommand(key, "withdrawal", $"/api/accounts/{Account(a)}/withdrawals", new { amount, transactionReference = key }, 1, -amount),
                _ => new SentCommand(key, "transfer", "/api/transfers", new { fromAccountId = Account(a), toAccountId = Account((a + 1 + random.Next(AccountCount - 1)) % AccountCount), amount }, 2, 0m),
            };
            lock (commands)
            {
                commands[key] = sent;
            }

            if (!await sent.SendAsync(http))
            {
                return;
            }
        }
    }

    private static async Task<double> WaitForCatchUpAsync(HttpClient http)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
            if (status.RootElement.GetProperty("projections").EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0))
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "projections did not catch up within 60 s");
            await Task.Delay(20);
        }
    }

    /// <summary>The API's own total equals the opening balances plus every applied deposit minus every applied withdrawal.</summary>
    private static async Task AssertTotalAsync(HttpClient http, Dictionary<string, SentCommand> commands, string context)
    {
        using var balances = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/balances", UriKind.Relative)));
        var total = balances.RootElement.GetProperty("totals").EnumerateArray().Single().GetProperty("balance").GetDecimal();
        var expected = commands.Values.Where(s => s.State == SentState.Applied).Sum(s => s.Delta);
        Assert.True(expected == total, $"{context}the ledger holds {total} but the applied commands add up to {expected}");
    }

    private static Dictionary<string, int> EffectsByKey(TestDatabase database) =>
        LedgerChecks.EventsByCommand(database).ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
}
