namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 2: Jepsen's bank workload. Workers move money between accounts at random while a
/// reader reads every balance from the read model every 50 ms: each read must sum to the initial
/// total with no negative balance, and at the end the read model must equal a fresh replay. Once more
/// as the product runs by default (a command answered once durable, its projections after, reads waiting
/// for them), which the test host otherwise turns off for suites that read tables with SQL.
/// </summary>
public sealed class BankInvariantTests(ITestOutputHelper output)
{
    private const int Workers = 32;
    private const decimal Initial = 1_000m;
    private static readonly int Transfers = Soak.Size("BANK_TRANSFERS", ci: 2_000, soak: 100_000);

    [Theory]
    [InlineData(8, 20_260_801, true)]
    [InlineData(100, 20_260_802, true)]
    [InlineData(8, 20_261_201, false)]
    public async Task RandomTransfers_NeverChangeTheTotal_InAnyRead(int accounts, int defaultSeed, bool answerAfterProjections)
    {
        await Seeds.WithSeedAsync(defaultSeed, async seed =>
        {
            // Two processes on one file: each has its own write gate, so transfers really race in SQLite.
            await using var processes = await LedgerProcesses.StartAsync(2, o => o.AnswerAfterProjections = answerAfterProjections);
            var first = processes[0];
            var ids = Enumerable.Range(0, accounts).Select(i => $"BANK-{i:D3}").ToArray();
            foreach (var id in ids)
            {
                await first.Mediator.Send(new OpenAccountCommand(id, "bank", null, "EUR", Initial));
            }

            var total = Initial * accounts;
            var done = new CancellationTokenSource();
            var reader = Task.Run(() => ReadUntilDoneAsync(first, accounts, total, done.Token));
            var succeeded = 0;
            var insufficient = 0;
            var gaveUp = 0;
            var started = Stopwatch.GetTimestamp();
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var random = new Random(HashCode.Combine(seed, w));
                var mediator = processes[w % processes.Count].Mediator;
                var count = Transfers / Workers + (w < Transfers % Workers ? 1 : 0);
                for (var i = 0; i < count; i++)
                {
                    var from = random.Next(accounts);
                    var to = (from + 1 + random.Next(accounts - 1)) % accounts;
                    var amount = random.Next(1, 40_000) / 100m;
                    try
                    {
                        await mediator.Send(new TransferMoneyCommand(null, ids[from], ids[to], amount));
                        Interlocked.Increment(ref succeeded);
                    }
                    catch (DomainException e) when (e.Code == ErrorCodes.InsufficientFunds)
                    {
                        Interlocked.Increment(ref insufficient);
                    }
                    catch (DomainException e) when (e.Code == CommandErrorCodes.ConcurrencyConflict)
                    {
                        // Surfaced to the caller, never silent; counted and reported.
                        Interlocked.Increment(ref gaveUp);
                    }
                }
            })).ToArray();
            try
            {
                await Task.WhenAll(workers);
            }
            finally
            {
                await done.CancelAsync();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var reads = await reader;
            Assert.True(reads.Violations.Count == 0, $"{reads.Violations.Count} of {reads.Count} reads broke the invariant; first: {reads.Violations.FirstOrDefault()}");
            // The reader must really have run alongside the writers (a starved reader proves nothing);
            // a busy machine may stretch its 50 ms cadence, so ask for a twentieth of the ideal count.
            Assert.True(reads.Count >= Math.Max(3, elapsed.TotalMilliseconds / 50 / 20), $"only {reads.Count} reads in {elapsed.TotalSeconds:F1} s");

            foreach (var process in processes)
            {
                // Answered early, a process may still be applying its last batch: let it finish, then fill in the other's.
                await process.SettleAsync();
                await process.CatchUpAsync();
            }

            var final = await first.Mediator.Send(new ListAccountsQuery(PageSize: ListAccountsQuery.MaxPageSize));
            Assert.Equal(total, final.Items.Sum(a => a.Balance));
            Assert.All(final.Items, a => Assert.True(a.Balance >= 0, $"{a.AccountId} ends at {a.Balance}"));
            Assert.Equal(Transfers, succeeded + insufficient + gaveUp);
            Assert.Equal(accounts + 2L * succeeded, await first.EventCountAsync());
            LedgerChecks.AssertContiguous(first.Database);
            LedgerChecks.AssertTransfersHaveBothLegs(first.Database);
            LedgerChecks.AssertReadModelEqualsReplay(first.Database);

            Figures.Report(output, $"{nameof(RandomTransfers_NeverChangeTheTotal_InAnyRead)}({accounts}, {answerAfterProjections})", new
            {
                seed,
                accounts,
                answerAfterProjections,
                workers = Workers,
                processes = processes.Count,
                transfers = Transfers,
                succeeded,
                insufficientFunds = insufficient,
                gaveUpSurfaced = gaveUp,
                conflicts = processes.Sum(p => p.Store().Conflicts),
                reads = reads.Count,
                readSumMin = reads.MinSum,
                readSumMax = reads.MaxSum,
                seconds = Math.Round(elapsed.TotalSeconds, 2),
                transfersPerSecond = Math.Round(Transfers / elapsed.TotalSeconds),
            });
        });
    }

    private static async Task<ReadLog> ReadUntilDoneAsync(TestLedger ledger, int accounts, decimal total, CancellationToken done)
    {
        var log = new ReadLog();
        while (true)
        {
            // One SELECT: a consistent snapshot of account_balances under WAL.
            var page = await ledger.Mediator.Send(new ListAccountsQuery(PageSize: ListAccountsQuery.MaxPageSize), CancellationToken.None);
            var sum = page.Items.Sum(a => a.Balance);
            log.Count++;
            log.MinSum = Math.Min(log.MinSum, sum);
            log.MaxSum = Math.Max(log.MaxSum, sum);
            if (page.Items.Count != accounts || sum != total)
            {
                log.Violations.Add($"read {log.Count}: {page.Items.Count} accounts summing to {sum}, expected {accounts} summing to {total}");
            }

            foreach (var negative in page.Items.Where(a => a.Balance < 0))
            {
                log.Violations.Add($"read {log.Count}: {negative.AccountId} at {negative.Balance}");
            }

            if (done.IsCancellationRequested)
            {
                return log;
            }

            try
            {
                await Task.Delay(50, done);
            }
            catch (OperationCanceledException)
            {
                // One last read after the writers stopped, then report.
            }
        }
    }

    private sealed class ReadLog
    {
        public int Count { get; set; }

        public decimal MinSum { get; set; } = decimal.MaxValue;

        public decimal MaxSum { get; set; } = decimal.MinValue;

        public List<string> Violations { get; } = [];
    }
}
