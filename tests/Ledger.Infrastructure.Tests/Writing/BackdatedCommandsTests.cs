using Ledger.Infrastructure.Storage.Sql;
using Ledger.Infrastructure.Tests.Projections;

namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// A command's time is its own caller's: back-dated when its caller writes history (the sample ledger, an
/// importer), the real time otherwise, whichever flow leads the batch that decides it. The projection is held
/// shut so the second command queues while the first one's batch still holds the write turn (on SQLite its
/// projections run inside the turn, after the answer, at once with no linger), and is then decided by a leader
/// the first one's batch handed over to.
/// </summary>
public sealed class BackdatedCommandsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset January = new(2025, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachBackdatedCommand_HappensAtItsOwnCallersMoment_ThoughAnotherFlowLeadsItsBatch()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync(o => o.ProjectionLingerMilliseconds = 0);
        using var reopen = held.OpenAtTheEnd();
        await SendAtAsync(January, ledger, new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();

        held.Close();
        await SendAtAsync(January.AddDays(1), ledger, new DepositMoneyCommand("A", 1m, "day 1")).WaitAsync(Long);
        var second = SendAtAsync(January.AddDays(2), ledger, new DepositMoneyCommand("A", 2m, "day 2"));
        await Task.Delay(300);
        if (!ledger.Get<SqlEngine>().ProjectsBesideAppends)
        {
            Assert.False(second.IsCompleted, "the second command was written while the first one's batch still held the write turn");
        }

        held.Open();
        await second.WaitAsync(Long);

        var events = await ledger.ReadAllAsync();
        Assert.Equal([January, January.AddDays(1), January.AddDays(2)], events.Select(e => e.OccurredAt));
    }

    [Fact]
    public async Task ACommandSentAtTheRealTime_IsNotBackdated_ByTheFlowThatLedItsBatch()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync(o => o.ProjectionLingerMilliseconds = 0);
        using var reopen = held.OpenAtTheEnd();
        // All history, so a command dated from the wrong flow could not hide behind the account's latest moment
        // (an account's events never go back in time: a decision takes the later of its moment and the last event's).
        await SendAtAsync(January.AddDays(-10), ledger, new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();

        held.Close();
        await SendAtAsync(January, ledger, new DepositMoneyCommand("A", 1m, "history")).WaitAsync(Long);
        var before = DateTimeOffset.UtcNow;
        var now = Task.Run(async () => await ledger.Mediator.Send(new DepositMoneyCommand("A", 2m, "today")));
        await Task.Delay(300);
        held.Open();
        await now.WaitAsync(Long);

        var today = (await ledger.ReadAllAsync())[^1];
        Assert.Equal(2m, Assert.IsType<MoneyDeposited>(today.Data).Amount);
        Assert.InRange(today.OccurredAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    /// <summary>Sends from a flow of its own, back-dated to <paramref name="at"/>, as the sample ledger does.</summary>
    private static Task SendAtAsync<TResponse>(DateTimeOffset at, TestLedger ledger, ICommand<TResponse> command) =>
        Task.Run(async () =>
        {
            using (LedgerClock.BackdateTo(at))
            {
                await ledger.Mediator.Send(command);
            }
        });
}
