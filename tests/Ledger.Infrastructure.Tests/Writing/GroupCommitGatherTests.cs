namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// The leader's gather (<see cref="LedgerOptions.GroupCommitGatherMicroseconds"/>), with the product's answers (once
/// durable): the callers one batch of several answered share the next flush even when they come back one after
/// another, and nobody waits for the caller of a batch of one. The gather here is far longer than any test step, so
/// whether a command waited is never a matter of timing.
/// </summary>
public sealed class GroupCommitGatherTests : BatchTestBase
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    protected override void Configure(LedgerOptions options)
    {
        options.AnswerAfterProjections = false;
        options.GroupCommitGatherMicroseconds = 20_000_000;
    }

    [Fact]
    public async Task CallersAnsweredTogether_ComingBackApart_ShareOneFlush()
    {
        await QueueAsync(Send(new DepositMoneyCommand("A", 1m, "a")), Send(new DepositMoneyCommand("B", 1m, "b")));
        Assert.Equal([2], Probe.CommittedBatches);
        var writer = Ledger.Get<CommandWriter>();

        var first = Task.Run(Send(new DepositMoneyCommand("A", 2m, "a again")));
        await Poll.UntilAsync(() => writer.Queued == 1, "A's next command queued", Quickly);
        await Task.Delay(200);
        Assert.False(first.IsCompleted, "A's next command should wait for B's, whose caller the same batch answered");
        Assert.Equal(1, writer.Queued);

        var second = await Send(new DepositMoneyCommand("B", 3m, "b again"))().WaitAsync(Quickly);
        Assert.Equal(104m, Balance(second));
        Assert.Equal(103m, Balance(await first.WaitAsync(Quickly)));
        Assert.Equal([2, 2], Probe.CommittedBatches);
    }

    [Fact]
    public async Task AfterABatchOfOne_TheNextCommandDoesNotWaitForItsCaller()
    {
        // The blocker commits alone, and its caller sends nothing more: C, queued behind it (so the blocker's commit
        // does not count C as a return), goes at once.
        var outcomes = await QueueAsync(Send(new DepositMoneyCommand("A", 5m, "c"))).WaitAsync(Quickly);

        Assert.Equal(105m, Balance(outcomes[0]));
        Assert.Empty(Probe.CommittedBatches);
    }
}
