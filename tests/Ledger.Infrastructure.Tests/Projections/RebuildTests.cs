namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// Issue 11, item 5: a rebuild replays into shadow tables while commands go on, then says whether the
/// read model it replaces was right (the drift check), and replaces it only if it was not.
/// </summary>
public sealed class RebuildTests
{
    [Fact]
    public async Task ARightReadModel_IsReportedRight_AndLeftAlone()
    {
        await using var ledger = await StartWithHistoryAsync(accounts: 5, depositsEach: 20);

        var result = await ledger.Mediator.Send(new RebuildProjectionsCommand());

        Assert.Equal(0, result.DifferentRows);
        Assert.True(result.ReadModelWasRight);
        Assert.Equal(await ledger.EventCountAsync(), result.Events);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task AReadModelFarBehind_IsReportedAsBehind_AndFilledIn()
    {
        // No timed catch-up during the test: only the rebuild may bring the read model forward.
        await using var ledger = await TestLedger.StartAsync(o => o.CatchUpIntervalMilliseconds = 3_600_000);
        await ledger.Mediator.Send(new OpenAccountCommand("FAR-1", "h", null, "EUR", 1m));
        for (var d = 0; d < ProjectionRunner.ChunkSize + 10; d++)
        {
            await ledger.Mediator.Send(new DepositMoneyCommand("FAR-1", 1.25m, $"d{d}"));
        }

        await using (var db = await ledger.DbAsync())
        {
            // As on a database whose projections never ran: no rows, every checkpoint at the start.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM account_ledger");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM account_balances");
            await db.Database.ExecuteSqlRawAsync("UPDATE projection_checkpoints SET position = 0");
        }

        var result = await ledger.Mediator.Send(new RebuildProjectionsCommand());

        Assert.Equal(await ledger.EventCountAsync(), result.LiveWasBehindBy);
        Assert.False(result.ReadModelWasRight);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task ADamagedReadModel_IsRepaired_AndTheDriftIsCounted()
    {
        await using var ledger = await StartWithHistoryAsync(accounts: 3, depositsEach: 5);
        await using (var db = await ledger.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE account_balances SET balance_minor = balance_minor + 1 WHERE account_id = 'R-1'");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM account_ledger WHERE account_id = 'R-2' AND version = 3");
        }

        var result = await ledger.Mediator.Send(new RebuildProjectionsCommand());

        // The changed balance row counts once each way; the deleted statement line once.
        Assert.Equal(3, result.DifferentRows);
        Assert.Equal(0, result.LiveWasBehindBy);
        Assert.False(result.ReadModelWasRight);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task CommandsGoOn_WhileTheReplayRuns_AndEndUpInTheRebuiltReadModel()
    {
        // More than two chunks of events, so the replay reports progress before it is done.
        await using var ledger = await StartWithHistoryAsync(accounts: 10, depositsEach: 500);
        var during = new List<CommandResult>();
        var progress = new InlineProgress(p =>
        {
            if (during.Count == 0 && p.Applied < p.Total)
            {
                // Inside the replay: a rebuild that held the write path would never let this finish.
                var deposit = ledger.Mediator.Send(new DepositMoneyCommand("R-1", 1m, "during")).AsTask();
                Assert.True(deposit.Wait(TimeSpan.FromSeconds(30)), "a deposit waited for the rebuild");
                during.Add(deposit.Result);
            }
        });

        var result = await ledger.Mediator.Send(new RebuildProjectionsCommand(progress));

        Assert.Single(during);
        Assert.True(result.ReadModelWasRight, $"{result.DifferentRows} rows differed");
        Assert.Equal(during[0].Balance, (await ledger.Mediator.Send(new GetAccountQuery("R-1")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task RebuildsInTwoProcessesAtOnce_TakeTurns_WhileBothWrite_AndEndEqualToReplay()
    {
        await using var first = await StartWithHistoryAsync(accounts: 3, depositsEach: 100);
        await using var second = await TestLedger.StartAsync(database: first.Database.Borrow());
        await using (var db = await first.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE account_balances SET balance_minor = balance_minor + 1 WHERE account_id = 'R-1'");
        }

        using var stop = new CancellationTokenSource();
        var writers = new[] { first, second }.Select((ledger, w) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand($"R-{1 + (n % 3)}", 1m, $"w{w}-{n}"));
            }
        })).ToArray();

        var rebuilt = await Task.WhenAll(first.Mediator.Send(new RebuildProjectionsCommand()).AsTask(), second.Mediator.Send(new RebuildProjectionsCommand()).AsTask());
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await first.CatchUpAsync();

        Assert.Contains(rebuilt, r => !r.ReadModelWasRight);
        await ReadModelAssert.EqualsReplayAsync(first);
        await ReadModelAssert.EqualsReplayAsync(second);
    }

    private static async Task<TestLedger> StartWithHistoryAsync(int accounts, int depositsEach)
    {
        var ledger = await TestLedger.StartAsync();
        for (var a = 1; a <= accounts; a++)
        {
            await ledger.Mediator.Send(new OpenAccountCommand($"R-{a}", "h", null, "EUR", 1m));
            for (var d = 0; d < depositsEach; d++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand($"R-{a}", 1.25m, $"d{d}"));
            }
        }

        return ledger;
    }

    /// <summary>Reports on the rebuild's own flow, so a test can act in the middle of the replay.</summary>
    private sealed class InlineProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
