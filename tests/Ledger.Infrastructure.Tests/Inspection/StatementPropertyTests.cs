namespace Ledger.Infrastructure.Tests.Inspection;

/// <summary>
/// Over random ledgers (deposits, withdrawals, transfers, back-dated entries, commit times moving on), every
/// statement for a random period and known-at moment adds up: opening + Σ lines = closing, the opening is the
/// balance just before the period and the closing the balance at its end, as time travel reads them, and the
/// compare query's rows add up to its totals.
/// </summary>
public sealed class StatementPropertyTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(2026)]
    public async Task Statements_AlwaysAddUp_AndAgreeWithTimeTravel_OverRandomLedgers(int seed)
    {
        var recorded = new ManualCommitClock(Start.AddDays(400));
        await using var ledger = await TestLedger.StartAsync(time: new LedgerClock(recorded));
        var random = new Random(seed);
        var ids = new[] { "P-A", "P-B", "P-C" };
        var occurred = Start;
        foreach (var id in ids)
        {
            await AtAsync(ledger, occurred, new OpenAccountCommand(id, "h", null, "EUR", random.Next(0, 100)));
        }

        for (var i = 0; i < 120; i++)
        {
            // Event time moves on by up to two days; now and then an entry is made much later than it happened.
            occurred = occurred.AddMinutes(random.Next(1, 2 * 24 * 60));
            recorded.Advance(TimeSpan.FromMinutes(random.Next(0, 3) == 0 ? random.Next(1, 5000) : 1));
            var id = ids[random.Next(ids.Length)];
            var amount = random.Next(1, 5000) / 100m;
            ICommandLike command = random.Next(3) switch
            {
                0 => new Command<CommandResult>(new DepositMoneyCommand(id, amount, $"d{i}")),
                1 => new Command<CommandResult>(new WithdrawMoneyCommand(id, amount, $"w{i}")),
                _ => new Command<TransferResult>(new TransferMoneyCommand(null, id, ids[(Array.IndexOf(ids, id) + 1) % ids.Length], amount)),
            };
            try
            {
                await command.SendAsync(ledger, occurred);
            }
            catch (DomainException e) when (e.Code == ErrorCodes.InsufficientFunds)
            {
            }
        }

        for (var check = 0; check < 40; check++)
        {
            var from = Start.AddMinutes(random.Next(0, 300 * 24 * 60));
            var to = from.AddMinutes(random.Next(0, 120 * 24 * 60));
            DateTimeOffset? knownAt = random.Next(2) == 0 ? null : Start.AddDays(400).AddMinutes(random.Next(0, 120 * 24 * 60));
            var id = ids[random.Next(ids.Length)];
            var context = $"seed {seed}, check {check}: {id} from {from:O} to {to:O} known at {knownAt:O}";

            var statement = await ledger.Mediator.Send(new GetStatementQuery(id, from, to, knownAt));

            Assert.NotNull(statement);
            Assert.True(statement.OpeningBalance + statement.Lines.Sum(l => l.Amount) == statement.ClosingBalance, context);
            Assert.True(statement.OpeningBalance + statement.TotalIn - statement.TotalOut == statement.ClosingBalance, context);
            var atEnd = await ledger.Mediator.Send(new GetAccountStateAtTimeQuery(id, to, knownAt));
            var beforeStart = await ledger.Mediator.Send(new GetAccountStateAtTimeQuery(id, from.AddTicks(-10), knownAt));
            Assert.True((atEnd?.Balance ?? 0) == statement.ClosingBalance, context);
            Assert.True((beforeStart?.Balance ?? 0) == statement.OpeningBalance, context);
            Assert.All(statement.Lines, l => Assert.True(l.OccurredAt >= from && l.OccurredAt <= to && (knownAt is null || l.RecordedAt <= knownAt), context));

            var compare = await ledger.Mediator.Send(new GetComparisonQuery(from, to, knownAt));
            foreach (var total in compare.Totals)
            {
                var rows = compare.Accounts.Where(a => a.Currency == total.Currency).ToArray();
                Assert.True(rows.Sum(r => r.BalanceFrom ?? 0) == total.From && rows.Sum(r => r.BalanceTo ?? 0) == total.To, context);
                Assert.True(rows.Sum(r => r.Difference) == total.Difference, context);
            }
        }
    }

    private static async Task AtAsync(TestLedger ledger, DateTimeOffset at, OpenAccountCommand command)
    {
        using (LedgerClock.BackdateTo(at))
        {
            await ledger.Mediator.Send(command);
        }
    }

    private interface ICommandLike
    {
        Task SendAsync(TestLedger ledger, DateTimeOffset at);
    }

    private sealed record Command<T>(Mediator.ICommand<T> Message) : ICommandLike
    {
        public async Task SendAsync(TestLedger ledger, DateTimeOffset at)
        {
            using (LedgerClock.BackdateTo(at))
            {
                await ledger.Mediator.Send(Message);
            }
        }
    }

    /// <summary>The commit clock, moved by the test: when entries are recorded, independent of when they happened.</summary>
    private sealed class ManualCommitClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
