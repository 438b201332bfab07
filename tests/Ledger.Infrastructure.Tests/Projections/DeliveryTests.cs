using Ledger.Infrastructure.Application.Notifications;

namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// A delivery reads nothing before it writes (on PostgreSQL it is one round trip): its checkpoints move
/// only past positions with nothing missing before them, and whatever it cannot vouch for is taken from
/// the store in order.
/// </summary>
public sealed class DeliveryTests : LedgerTestBase
{
    [Fact]
    public async Task ADeliveryWithAHoleInIt_IsNotTakenOnTrust_AndTheHoleIsFilledFromTheStore()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        var meta = new EventMetadata("c", "hole", "test");
        var first = await Ledger.AppendUnpublishedAsync([Deposit(1, 1m)], meta);
        await Ledger.AppendUnpublishedAsync([Deposit(2, 2m)], meta with { CausationId = "hole-2" });
        var third = await Ledger.AppendUnpublishedAsync([Deposit(3, 4m)], meta with { CausationId = "hole-3" });

        await Ledger.Get<IPublisher>().Publish(new EventsAppended([.. first, .. third], []));

        await ReadModelAssert.EqualsReplayAsync(Ledger);
        await AssertCheckpointsAtAsync(Ledger, 4);
    }

    [Fact]
    public async Task AnEarlyDelivery_LeavesTheCheckpointWhereItWas_UntilTheStoreFillsIn()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await Ledger.AppendUnpublishedAsync([Deposit(1, 1m)], new EventMetadata("c", "early-1", "test"));
        var second = await Ledger.AppendUnpublishedAsync([Deposit(2, 2m)], new EventMetadata("c", "early-2", "test"));
        var changes = new List<ReadModelChange>();
        Ledger.Get<ReadModelNotifier>().Changed += changes.Add;

        await Ledger.Get<ProjectionRunner>().DeliverAsync(second, default);

        // Caught up from the store in the same call: both events, in order, announced at the head.
        await ReadModelAssert.EqualsReplayAsync(Ledger);
        await AssertCheckpointsAtAsync(Ledger, 3);
        Assert.All(changes, c => Assert.Equal(3, c.Position));
    }

    [Fact]
    public async Task TwoProcessesDelivering_KeepEveryReadModelEqualToAReplay()
    {
        await using var second = await TestLedger.StartAsync(database: Ledger.Database.Borrow());
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 1_000m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 1_000m));

        // Both write (and deliver) at once, on the same accounts: conflicts and early deliveries included.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(p => Task.Run(async () =>
        {
            var ledger = p == 0 ? Ledger : second;
            for (var i = 0; i < 30; i++)
            {
                await ledger.Mediator.Send(i % 3 == 0
                    ? new TransferMoneyCommand(null, p == 0 ? "A" : "B", p == 0 ? "B" : "A", 1m)
                    : new DepositMoneyCommand(i % 2 == 0 ? "A" : "B", 1m, $"p{p}-{i}"));
            }
        })));
        await Ledger.CatchUpAsync();

        await ReadModelAssert.EqualsReplayAsync(Ledger);
        await AssertCheckpointsAtAsync(Ledger, await Ledger.EventCountAsync());
    }

    private static StreamAppend Deposit(long after, decimal amount) =>
        new(Account.StreamId("A"), ExpectedVersion.Exactly(after), [NewEvent.From(new MoneyDeposited("A", amount, "r", "d", DateTimeOffset.UtcNow))]);

    private static async Task AssertCheckpointsAtAsync(TestLedger ledger, long position)
    {
        var checkpoints = await ledger.Get<ProjectionRunner>().CheckpointsAsync(default);
        Assert.All(checkpoints.Values, c => Assert.Equal(position, c));
    }
}
