namespace Ledger.Infrastructure.Tests.Commands;

public sealed class ConcurrencyTests : LedgerTestBase
{
    [Fact]
    public async Task EightWritersOfTwoHundredDeposits_EndWithTheExactSum_AndGaplessVersions()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("HOT", "h", null, "EUR", 0m));

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await Ledger.Mediator.Send(new DepositMoneyCommand("HOT", 0.01m * (w + 1), $"w{w}-{i}"));
            }
        }));
        await Task.WhenAll(writers);

        var expected = Enumerable.Range(1, 8).Sum(w => 0.01m * w * 200);
        Assert.Equal(expected, (await Ledger.Mediator.Send(new GetAccountQuery("HOT")))!.Balance);
        await AssertGaplessAsync(Ledger, "BankAccount-HOT", 1601);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task TwoProcessesOnOneHotAccount_LoseNothing()
    {
        await using var first = await TestLedger.StartAsync(o => o.MaxConcurrencyRetries = 50);
        await using var second = await TestLedger.StartAsync(o => o.MaxConcurrencyRetries = 50, database: first.Database.Borrow());
        await first.Mediator.Send(new OpenAccountCommand("HOT", "h", null, "EUR", 0m));

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var ledger = w % 2 == 0 ? first : second;
            for (var i = 0; i < 50; i++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand("HOT", 1m, $"w{w}-{i}"));
            }
        }));
        await Task.WhenAll(writers);

        await AssertGaplessAsync(first, "BankAccount-HOT", 201);
        await first.Get<Ledger.Infrastructure.Storage.Projections.ProjectionRunner>().CatchUpAsync(first.Get<Ledger.Infrastructure.Storage.Projections.AccountBalancesProjection>(), default);
        Assert.Equal(200m, (await first.Mediator.Send(new GetAccountQuery("HOT")))!.Balance);
    }

    [Fact]
    public async Task ConcurrentTransfersAmongFewAccounts_ConserveTheTotal_AndNeverGoNegative()
    {
        const int seed = 20261126;
        await using var ledger = await TestLedger.StartAsync();
        var ids = new[] { "A", "B", "C", "D" };
        foreach (var id in ids)
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "h", null, "EUR", 100m));
        }

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            for (var i = 0; i < 40; i++)
            {
                var from = ids[random.Next(ids.Length)];
                var to = ids[(Array.IndexOf(ids, from) + 1 + random.Next(ids.Length - 1)) % ids.Length];
                try
                {
                    await ledger.Mediator.Send(new TransferMoneyCommand(null, from, to, random.Next(1, 6000) / 100m));
                }
                catch (Domain.DomainException e) when (e.Code == Domain.ErrorCodes.InsufficientFunds)
                {
                    // Expected now and then: the rule held.
                }
            }
        }));
        await Task.WhenAll(workers);

        var totals = await ledger.Mediator.Send(new GetCurrencyTotalsQuery());
        Assert.True(400m == totals.Single().Balance, $"seed {seed}: total {totals.Single().Balance}");
        var accounts = await ledger.Mediator.Send(new ListAccountsQuery());
        Assert.All(accounts.Items, a => Assert.True(a.Balance >= 0, $"seed {seed}: {a.AccountId} at {a.Balance}"));
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    private static async Task AssertGaplessAsync(TestLedger ledger, string streamId, int expectedCount)
    {
        await using var db = await ledger.DbAsync();
        var versions = await db.Events.Where(e => e.StreamId == streamId).OrderBy(e => e.StreamVersion).Select(e => e.StreamVersion).ToListAsync();
        Assert.Equal(Enumerable.Range(1, expectedCount).Select(v => (long)v), versions);
    }
}
