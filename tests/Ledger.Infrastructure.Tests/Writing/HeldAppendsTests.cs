namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// Group commit where the store holds a batch's appends back and sends them together (PostgreSQL): an
/// append that fails only when sent (a taken command id, a stale version) is undone alone and becomes its
/// own command's answer, and the commands after it are decided again on what is really there. On SQLite
/// every append runs at once, and the same answers must come out.
/// </summary>
public sealed class HeldAppendsTests : BatchTestBase
{
    [PostgresOnlyFact("only a server batches statements; SQLite runs each append at once")]
    public async Task ABatchOfSeveralCommands_OnAServer_HoldsItsAppendsBackAndSendsThemTogether()
    {
        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 1m, "one")),
            Send(new DepositMoneyCommand("B", 2m, "two")),
            Send(new TransferMoneyCommand("T-held", "A", "B", 3m)),
            Send(new DepositMoneyCommand("A", 4m, "four")));

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(4, Probe.MostHeld);
        Assert.Equal(4, Probe.CommittedBatches.Single());
        Assert.Equal(102m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(105m, (await Ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task AResendInsideABatch_IsUndoneAlone_AndAnsweredFromItsRecord_WhileTheCommandsAroundItCommit()
    {
        var first = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 10m, "paid") { CommandId = "paid" });
        var events = await Ledger.EventCountAsync();

        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 1m, "before")),
            Send(new DepositMoneyCommand("A", 10m, "paid") { CommandId = "paid" }),
            Send(new DepositMoneyCommand("A", 2m, "after")),
            Send(new WithdrawMoneyCommand("B", 1m, "b")));

        Assert.Equal(111m, Balance(outcomes[0]));
        var resend = Assert.IsType<CommandResult>(outcomes[1].Result);
        Assert.True(resend.Replayed);
        Assert.Equal(first.EventIds, resend.EventIds);
        Assert.Equal(113m, Balance(outcomes[2]));
        Assert.Equal(99m, Balance(outcomes[3]));
        Assert.Single(Probe.CommittedBatches);
        Assert.Equal(events + 1 + 3, await Ledger.EventCountAsync());
        Assert.Equal(113m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }

    [Fact]
    public async Task AStaleVersionInsideABatch_LosesItsRaceAlone_AndIsDecidedAgainOnWhatIsThere()
    {
        // Another process moves B on: this one's cached state of B is now one version behind.
        await using (var other = await TestLedger.StartAsync(database: Ledger.Database.Borrow()))
        {
            await other.Mediator.Send(new DepositMoneyCommand("B", 50m, "elsewhere"));
        }

        var conflicts = Ledger.Get<LedgerMetrics>().ConflictTotal;
        var outcomes = await QueueAsync(
            Send(new DepositMoneyCommand("A", 1m, "before")),
            Send(new DepositMoneyCommand("B", 5m, "decided on the cached version first")),
            Send(new DepositMoneyCommand("A", 2m, "after")));

        Assert.Equal(101m, Balance(outcomes[0]));
        Assert.Equal(155m, Balance(outcomes[1]));
        Assert.Equal(103m, Balance(outcomes[2]));
        Assert.True(Ledger.Get<LedgerMetrics>().ConflictTotal > conflicts);
        Assert.Equal(155m, (await Ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }
}
