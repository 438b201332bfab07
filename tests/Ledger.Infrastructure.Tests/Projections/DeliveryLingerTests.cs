namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// Committed events wait a moment, while nothing reads, for more commits to join their projection delivery
/// (<see cref="LedgerOptions.ProjectionLingerMilliseconds"/>): on a server beside the appends, on SQLite in a
/// write turn between them (one a linger that runs out or a read takes when no command does). A linger of a minute here makes each
/// way it ends visible on its own: a read, a full delivery's worth of events, the time running out, and a
/// command whose answer waits for the tables. The periodic catch-up is pushed out of the way, so only the
/// delivery can move the checkpoints.
/// </summary>
public sealed class DeliveryLingerTests
{
    private const int AMinute = 60_000;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WhileNothingReads_CommitsWaitForEachOther_AndAReadSendsThemAtOnce()
    {
        await using var ledger = await StartAsync(AMinute);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();
        var opened = await ledger.EventCountAsync();

        for (var i = 1; i <= 3; i++)
        {
            await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"r{i}")).AsTask().WaitAsync(Long);
        }

        Assert.All((await CheckpointsAsync(ledger)).Values, position => Assert.Equal(opened, position));

        var view = await ledger.Mediator.Send(new GetAccountQuery("A")).AsTask().WaitAsync(Long);
        Assert.Equal(13m, view!.Balance);
        var head = await ledger.EventCountAsync();
        Assert.All((await CheckpointsAsync(ledger)).Values, position => Assert.Equal(head, position));
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task CommitsWaitingPastTheLingerBound_AreDelivered_WithoutARead()
    {
        await using var ledger = await StartAsync(AMinute);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 0m));
        // With the opening, exactly as many events as end a linger: the last deposit sends them all.
        for (var i = 1; i < CommandWriter.DeliveryLingerEvents; i++)
        {
            await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"r{i}"));
        }

        var head = await ledger.EventCountAsync();
        await UntilAsync(async () => (await CheckpointsAsync(ledger)).Values.All(position => position == head));
    }

    [Fact]
    public async Task ALingerThatRunsOut_DeliversWithoutARead()
    {
        await using var ledger = await StartAsync(200);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 5m));

        var head = await ledger.EventCountAsync();
        await UntilAsync(async () => (await CheckpointsAsync(ledger)).Values.All(position => position == head));
    }

    [Fact]
    public async Task AnAnswerThatWaitsForTheTables_DoesNotWaitOutTheLinger()
    {
        await using var ledger = await StartAsync(AMinute, answerAfterProjections: true);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 5m)).AsTask().WaitAsync(Long);

        var head = await ledger.EventCountAsync();
        Assert.All((await CheckpointsAsync(ledger)).Values, position => Assert.Equal(head, position));
    }

    [Fact]
    public async Task CommitsQueuedBehindAHeldDelivery_AllReachTheReadModel_WithoutARead()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync(o => o.CatchUpIntervalMilliseconds = 10 * AMinute);
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 0m));
        await ledger.SettleAsync();

        held.Close();
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "r1")).AsTask().WaitAsync(Long);
        // Its linger runs out and its delivery waits at the gate (on SQLite inside a write turn); more commands come meanwhile.
        await Task.Delay(100);
        var more = Task.WhenAll(Enumerable.Range(2, 3).Select(i => ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"r{i}")).AsTask()));
        await Task.Delay(100);
        held.Open();
        await more.WaitAsync(Long);

        var head = await ledger.EventCountAsync();
        Assert.Equal(5, head);
        await UntilAsync(async () => (await CheckpointsAsync(ledger)).Values.All(position => position == head));
    }

    private static Task<TestLedger> StartAsync(int lingerMilliseconds, bool answerAfterProjections = false) =>
        TestLedger.StartAsync(o =>
        {
            o.ProjectionLingerMilliseconds = lingerMilliseconds;
            o.AnswerAfterProjections = answerAfterProjections;
            o.CatchUpIntervalMilliseconds = 10 * AMinute;
        });

    private static Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(TestLedger ledger) =>
        ledger.Get<ProjectionRunner>().CheckpointsAsync(CancellationToken.None);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Long;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the checkpoints did not reach the last commit");
            await Task.Delay(20);
        }
    }
}
