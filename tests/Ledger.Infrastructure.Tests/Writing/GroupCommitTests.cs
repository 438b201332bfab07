namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// Group commit: commands queued behind one held in its write turn commit together in one transaction
/// (<see cref="BatchProbe"/> sees one batch), each decided on what the earlier ones left, each refusal
/// undone alone, and a failed COMMIT undoing all of them.
/// </summary>
public sealed class GroupCommitTests : BatchTestBase
{
    [Fact]
    public async Task ABatch_WhereOneCommandIsRefused_CommitsItsNeighbours_InOneCommit()
    {
        var events = await Ledger.EventCountAsync();
        var conflicts = Ledger.Get<LedgerMetrics>().ConflictTotal;
        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 10m, "first") { CommandId = "k1" }),
            Send(new WithdrawMoneyCommand("A", 1000m, "too much") { CommandId = "k2" }),
            Send(new DepositMoneyCommand("B", 5m, "b")),
            Send(new TransferMoneyCommand("T-1", "A", "B", 20m)),
            Send(new WithdrawMoneyCommand("B", 1m, "pinned") { ExpectedVersion = 1 }),
            Send(new DepositMoneyCommand("A", 1m, "last")));

        Assert.Equal(110m, Balance(outcomes[0]));
        Assert.Equal(ErrorCodes.InsufficientFunds, Refusal(outcomes[1]).Code);
        Assert.Equal(105m, Balance(outcomes[2]));
        var transfer = Assert.IsType<TransferResult>(outcomes[3].Result);
        Assert.Equal((90m, 125m), (transfer.From.Balance, transfer.To.Balance));
        Assert.Equal(CommandErrorCodes.VersionMismatch, Refusal(outcomes[4]).Code);
        Assert.Equal(91m, Balance(outcomes[5]));

        // The blocker's own commit, then one commit for the six: five appends (k2's refusal is recorded under its key).
        Assert.Equal(5, Probe.CommittedBatches.Single());
        Assert.Equal(conflicts, Ledger.Get<LedgerMetrics>().ConflictTotal);
        Assert.Equal(events + 1 + 5, await Ledger.EventCountAsync());
        Assert.Equal(91m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(125m, (await Ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
        var resent = await Assert.ThrowsAsync<CommandRefusedException>(async () => await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 1000m, "too much") { CommandId = "k2" }));
        Assert.True(resent.Replayed);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task ABatchThatCommits_ThrowsNothingOnTheWay()
    {
        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 1m, "one")),
            Send(new DepositMoneyCommand("B", 2m, "two")),
            Send(new DepositMoneyCommand("A", 3m, "three")));

        Assert.Equal(104m, Balance(outcomes[2]));
        Assert.Equal(3, Probe.CommittedBatches.Single());
        // Closing the committed transaction once tried a rollback the driver refused: an exception thrown and
        // caught inside the write turn on every batch.
        Assert.Equal(0, Probe.ExceptionsInsideCommits);
    }

    [Fact]
    public async Task TwoWithdrawalsFromOneAccount_InOneBatch_CanNeverOverdrawIt()
    {
        var conflicts = Ledger.Get<LedgerMetrics>().ConflictTotal;
        var outcomes = await QueueAsync(
            Send(new WithdrawMoneyCommand("A", 70m, "one")),
            Send(new WithdrawMoneyCommand("A", 70m, "two")),
            Send(new WithdrawMoneyCommand("A", 30m, "three")));

        Assert.Equal(30m, Balance(outcomes[0]));
        Assert.Equal(ErrorCodes.InsufficientFunds, Refusal(outcomes[1]).Code);
        Assert.Equal(0m, Balance(outcomes[2]));
        // Each decided on the state the one before it left, in the batch: none had to lose a race and try again.
        Assert.Equal(conflicts, Ledger.Get<LedgerMetrics>().ConflictTotal);
        Assert.Equal(2, Probe.CommittedBatches.Single());
        Assert.Equal(0m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task AFailedCommit_AnswersEveryCallerWithTheError_AndWritesAndCachesNothing()
    {
        var events = await Ledger.EventCountAsync();
        Assert.True(Ledger.Get<AccountStateCache>().TryGet("A", out var cachedBefore));
        Probe.FailNextCommit();

        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 10m, "lost")),
            Send(new WithdrawMoneyCommand("B", 50m, "lost") { CommandId = "key-lost" }),
            Send(new WithdrawMoneyCommand("B", 500m, "refused, but in the failed batch") { CommandId = "key-refused" }),
            Send(new TransferMoneyCommand("T-lost", "A", "B", 5m)));

        Assert.All(outcomes, o => Assert.Equal("COMMIT failed (injected)", Assert.IsType<InvalidOperationException>(o.Error).Message));
        Assert.Empty(Probe.CommittedBatches);
        Assert.Equal(events + 1, await Ledger.EventCountAsync());
        Assert.True(Ledger.Get<AccountStateCache>().TryGet("A", out var cachedAfter));
        Assert.Equal(cachedBefore.Version, cachedAfter.Version);
        await using (var db = await Ledger.DbAsync())
        {
            Assert.False(await db.ProcessedCommands.AnyAsync(c => c.CommandId == "key-lost" || c.CommandId == "key-refused"));
        }

        Assert.Equal(100m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);

        // Nothing of it was kept anywhere: the same commands, sent again, act for the first time.
        Assert.False((await Ledger.Mediator.Send(new WithdrawMoneyCommand("B", 50m, "lost") { CommandId = "key-lost" })).Replayed);
        Assert.Equal(ErrorCodes.InsufficientFunds, (await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await Ledger.Mediator.Send(new WithdrawMoneyCommand("B", 500m, "refused, but in the failed batch") { CommandId = "key-refused" }))).Code);
        var transfer = await Ledger.Mediator.Send(new TransferMoneyCommand("T-lost", "A", "B", 5m));
        Assert.Equal((95m, 55m), (transfer.From.Balance, transfer.To.Balance));
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task OneKeySentTwice_InsideOneBatch_ActsOnce()
    {
        var events = await Ledger.EventCountAsync();
        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 5m, "keyed") { CommandId = "same-key" }),
            Send(new DepositMoneyCommand("A", 5m, "keyed") { CommandId = "same-key" }),
            Send(new TransferMoneyCommand("T-same", "A", "B", 10m) { CommandId = "first-id" }),
            Send(new TransferMoneyCommand("T-same", "A", "B", 10m) { CommandId = "second-id" }));

        var (deposit, resend) = (Assert.IsType<CommandResult>(outcomes[0].Result), Assert.IsType<CommandResult>(outcomes[1].Result));
        Assert.False(deposit.Replayed);
        Assert.True(resend.Replayed);
        Assert.Equal(deposit.EventIds, resend.EventIds);
        var (transfer, again) = (Assert.IsType<TransferResult>(outcomes[2].Result), Assert.IsType<TransferResult>(outcomes[3].Result));
        Assert.False(transfer.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(events + 1 + 3, await Ledger.EventCountAsync());
        Assert.Equal(95m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(110m, (await Ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
    }

    [Fact]
    public async Task CommandsQueuedBehindABusyDatabase_AreAllRefusedBusy_AfterOneWaitForTheLock()
    {
        await using var busy = await TestLedger.StartAsync(o => o.BusyTimeoutMilliseconds = 300, services: ForwardingEventStore.Install<BatchProbe>);
        await busy.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 100m));
        var busyProbe = busy.Get<BatchProbe>();
        var attempts = busyProbe.LockAttempts;
        var events = await busy.EventCountAsync();

        Outcome[] outcomes;
        await using (await busy.Database.HoldWriteLockAsync())
        {
            outcomes = await busyProbe.QueueBehindAsync(
                busy,
                Send(busy, new DepositMoneyCommand("A", 1m, "blocked")),
                Enumerable.Range(0, 6).Select(i => Send(busy, new DepositMoneyCommand("A", 1m, $"queued {i}"))).ToArray());
        }

        Assert.All(outcomes, o => Assert.Equal(CommandErrorCodes.DatabaseBusy, Refusal(o).Code));
        Assert.Equal(attempts + 1, busyProbe.LockAttempts);
        Assert.Equal(events, await busy.EventCountAsync());
        Assert.Equal(101m, (await busy.Mediator.Send(new DepositMoneyCommand("A", 1m, "after"))).Balance);
    }
}
