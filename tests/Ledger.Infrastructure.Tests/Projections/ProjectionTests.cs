using Ledger.Infrastructure.Application.Notifications;

namespace Ledger.Infrastructure.Tests.Projections;

public sealed class ProjectionTests : LedgerTestBase
{
    [Fact]
    public async Task CrashBetweenCommitAndPublish_IsRepairedByCatchUp()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 10m));
        // Committed straight to the store, never published: what a crash right after commit leaves behind.
        var meta = new EventMetadata("c", "crash-1", "test");
        await Ledger.AppendUnpublishedAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(1), [NewEvent.From(new TransferInitiated("A", "T1", "B", 4m, "x", DateTimeOffset.UtcNow))]),
                                 new StreamAppend("BankAccount-B", ExpectedVersion.Exactly(1), [NewEvent.From(new TransferReceived("B", "T1", "A", 4m, "x", DateTimeOffset.UtcNow))])], meta);
        await Ledger.AppendUnpublishedAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(2), [NewEvent.From(new MoneyDeposited("A", 1m, "r", "d", DateTimeOffset.UtcNow))])], meta with { CausationId = "crash-2" });

        await using var restarted = await TestLedger.StartAsync(database: Ledger.Database.Borrow());
        var runner = restarted.Get<ProjectionRunner>();
        foreach (var projection in runner.Projections)
        {
            Assert.Equal(3, await runner.LagAsync(projection, default));
            await runner.CatchUpAsync(projection, default);
        }

        await ReadModelAssert.EqualsReplayAsync(restarted);
        Assert.Equal(7m, (await restarted.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task DeliveringEveryEventTwice_AndOutOfOrder_ChangesNothing()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 0m));
        await Ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));
        await Ledger.Mediator.Send(new TransferMoneyCommand(null, "A", "B", 3m));
        var all = await Ledger.ReadAllAsync();
        var publisher = Ledger.Get<IPublisher>();

        await publisher.Publish(new EventsAppended(all, []));
        await publisher.Publish(new EventsAppended(all.Reverse().ToArray(), []));
        foreach (var single in all.Reverse())
        {
            await publisher.Publish(new EventsAppended([single], []));
        }

        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task LateDelivery_AfterALaterCommit_FillsTheGapInOrder()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        var meta = new EventMetadata("c", "late", "test");
        var first = await Ledger.AppendUnpublishedAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(1), [NewEvent.From(new MoneyDeposited("A", 1m, "r", "d", DateTimeOffset.UtcNow))])], meta);
        var second = await Ledger.AppendUnpublishedAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(2), [NewEvent.From(new MoneyDeposited("A", 2m, "r", "d", DateTimeOffset.UtcNow))])], meta with { CausationId = "late-2" });

        await Ledger.Get<IPublisher>().Publish(new EventsAppended(second, []));
        await Ledger.Get<IPublisher>().Publish(new EventsAppended(first, []));

        await ReadModelAssert.EqualsReplayAsync(Ledger);
        Assert.Equal(13m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task Rebuild_ReproducesTheSameReadModel_AndReportsThroughput()
    {
        for (var i = 0; i < 5; i++)
        {
            await Ledger.Mediator.Send(new OpenAccountCommand($"A{i}", "h", $"Holder {i}", "EUR", 100m));
            await Ledger.Mediator.Send(new DepositMoneyCommand($"A{i}", i + 0.25m, "r"));
        }

        await Ledger.Mediator.Send(new TransferMoneyCommand(null, "A0", "A1", 50m));
        await Ledger.Mediator.Send(new WithdrawMoneyCommand("A2", 102.25m, "r"));
        await Ledger.Mediator.Send(new CloseAccountCommand("A2", "moved away"));
        var before = await SnapshotReadModelAsync(Ledger);
        var progress = new List<RebuildProgress>();

        var result = await Ledger.Mediator.Send(new RebuildProjectionsCommand(new SyncProgress(progress.Add)));

        Assert.Equal(14, result.Events);
        Assert.True(result.EventsPerSecond > 0);
        Assert.Equal(14, progress[^1].Applied);
        Assert.Equal(before, await SnapshotReadModelAsync(Ledger));
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task BothLegsOfATransfer_BecomeVisibleTogether_DuringCatchUp()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10_000m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 0m));
        // 2,500 unpublished transfers = 5,000 events: more than one catch-up chunk, with legs that could straddle a boundary.
        for (var i = 0; i < 2_500; i++)
        {
            var now = DateTimeOffset.UtcNow;
            await Ledger.AppendUnpublishedAsync(
                [new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(1 + i), [NewEvent.From(new TransferInitiated("A", $"T{i}", "B", 1m, "x", now))]),
                 new StreamAppend("BankAccount-B", ExpectedVersion.Exactly(1 + i), [NewEvent.From(new TransferReceived("B", $"T{i}", "A", 1m, "x", now))])],
                new EventMetadata("c", $"t{i}", "test"));
        }

        var totals = new List<decimal>();
        var notifier = Ledger.Get<ReadModelNotifier>();
        notifier.Changed += _ => totals.Add(Ledger.Mediator.Send(new GetCurrencyTotalsQuery()).AsTask().GetAwaiter().GetResult().Single().Balance);
        await Ledger.Get<ProjectionRunner>().CatchUpAsync(Ledger.Get<AccountBalancesProjection>(), default);

        Assert.True(totals.Count >= 2, "catch-up should have taken more than one transaction");
        Assert.All(totals, t => Assert.Equal(10_000m, t));
    }

    private static async Task<string> SnapshotReadModelAsync(TestLedger Ledger)
    {
        await using var db = await Ledger.DbAsync();
        var balances = await db.AccountBalances.AsNoTracking().OrderBy(b => b.AccountId).ToListAsync();
        var entries = await db.LedgerEntries.AsNoTracking().OrderBy(l => l.AccountId).ThenBy(l => l.Version).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { balances, entries });
    }

    private sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
