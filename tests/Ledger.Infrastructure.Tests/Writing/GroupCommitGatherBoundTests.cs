namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>The leader's gather is bounded: a caller that never comes back delays the others at most that long, once.</summary>
public sealed class GroupCommitGatherBoundTests : BatchTestBase
{
    protected override void Configure(LedgerOptions options) => options.GroupCommitGatherMicroseconds = 300_000;

    [Fact]
    public async Task ACallerThatDoesNotComeBack_DelaysTheNextBatch_AtMostTheGather()
    {
        await QueueAsync(Send(new DepositMoneyCommand("A", 1m, "a")), Send(new DepositMoneyCommand("B", 1m, "b")));

        // B's caller sends nothing more: A's next command waits out the gather, then commits on its own.
        var next = await Send(new DepositMoneyCommand("A", 2m, "a again"))().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(103m, Balance(next));
        var after = await Send(new DepositMoneyCommand("A", 3m, "a once more"))().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(106m, Balance(after));
        Assert.Equal([2], Probe.CommittedBatches);
    }
}
