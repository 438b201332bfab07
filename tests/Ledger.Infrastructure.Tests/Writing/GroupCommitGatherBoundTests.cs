using System.Diagnostics;

namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>The leader's gather is bounded: a caller that never comes back delays the next batch by the gather, once.</summary>
public sealed class GroupCommitGatherBoundTests : BatchTestBase
{
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(3);

    protected override void Configure(LedgerOptions options)
    {
        options.AnswerAfterProjections = false;
        options.GroupCommitGatherMicroseconds = (int)(Gather.Ticks / 10);
    }

    [Fact]
    public async Task ACallerThatDoesNotComeBack_DelaysTheNextBatch_ByTheGather_Once()
    {
        await QueueAsync(
            Send(new DepositMoneyCommand("A", 1m, "a")), Send(new DepositMoneyCommand("B", 1m, "b")), Send(new DepositMoneyCommand("Z", 1m, "z")));

        // B's and Z's callers send nothing more: A's next command waits the gather out (never less), then commits on its own.
        var clock = Stopwatch.StartNew();
        var next = await Send(new DepositMoneyCommand("A", 2m, "a again"))().WaitAsync(Gather * 5);
        Assert.InRange(clock.Elapsed, Gather, Gather * 5);
        Assert.Equal(103m, Balance(next));

        // Nobody is waited for twice (one of the two is still out): the command after it goes at once.
        clock.Restart();
        var after = await Send(new DepositMoneyCommand("A", 3m, "a once more"))().WaitAsync(Gather * 5);
        Assert.True(clock.Elapsed < Gather, $"the command after the gather waited {clock.Elapsed}, as if it gathered again");
        Assert.Equal(106m, Balance(after));
        Assert.Equal([3], Probe.CommittedBatches);
    }
}
