namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// Where the projections run beside the appends and answers wait for them (<see cref="LedgerOptions.AnswerAfterProjections"/>),
/// a batch's callers hear their answers only after the next leader has begun: it must not wait for them.
/// </summary>
public sealed class GroupCommitGatherAfterProjectionsTests : BatchTestBase
{
    protected override void Configure(LedgerOptions options)
    {
        options.AnswerAfterProjections = true;
        options.GroupCommitGatherMicroseconds = 20_000_000;
    }

    [PostgresOnlyFact("on SQLite a batch's callers are answered before the next leader begins, whenever they are answered")]
    public async Task AnswersAfterTheProjections_OnAServer_NobodyWaitsForTheirCallers()
    {
        await QueueAsync(Send(new DepositMoneyCommand("A", 1m, "a")), Send(new DepositMoneyCommand("B", 1m, "b")));

        // B's caller sends nothing more; were A's next command to wait for it, it would wait the whole 20 s (on the
        // pool: a leader that gathers spins on its own caller's thread before the send returns a task).
        var next = await Task.Run(Send(new DepositMoneyCommand("A", 2m, "a again"))).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(103m, Balance(next));
    }
}
