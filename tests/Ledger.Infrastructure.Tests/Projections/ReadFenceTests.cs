using System.Collections.Concurrent;
using Ledger.Infrastructure.Application.Pipeline;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// The product's default: a command is answered once its append is durable, the projections follow (on a
/// server in the background, on SQLite right after the answer, inside the write turn), and every read through
/// the app waits for them (<see cref="ReadFence"/>), so a read after an answer still reflects it. A projection
/// held shut here plays a read model that is slow or stuck.
/// </summary>
public sealed class ReadFenceTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static readonly EventMetadata Elsewhere = new("c", "another instance", "test");

    [Fact]
    public async Task ACommandIsAnsweredOnceDurable_AndAReadAfterItWaitsForTheProjections()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync();
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();

        held.Close();
        var answered = await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r")).AsTask().WaitAsync(Long);
        Assert.Equal(2, await ledger.EventCountAsync());
        var read = ledger.Mediator.Send(new GetAccountQuery("A")).AsTask();
        await Task.Delay(300);
        Assert.False(read.IsCompleted, "the read went ahead of a command this instance had answered");

        held.Open();
        Assert.Equal(15m, (await read.WaitAsync(Long))!.Balance);
        Assert.True(answered.Position >= 2);
    }

    [Fact]
    public async Task AnswerAfterProjections_HoldsTheAnswerUntilTheTablesHaveIt()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync(o => o.AnswerAfterProjections = true);
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));

        held.Close();
        var deposit = ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r")).AsTask();
        await Task.Delay(300);
        Assert.False(deposit.IsCompleted, "answered before the projections had the command");

        held.Open();
        await deposit.WaitAsync(Long);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task EveryReadAfterAnAnswer_ReflectsIt_WithWritersOnEveryAccountAtOnce()
    {
        await using var ledger = await new HeldProjection().StartLedgerAsync();
        const int Clients = 8;
        const int Deposits = 25;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var id = $"C{c}";
            await ledger.Mediator.Send(new OpenAccountCommand(id, "h", null, "EUR", 0m));
            for (var i = 1; i <= Deposits; i++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand(id, 1m, $"r{i}"));
                var view = await ledger.Mediator.Send(new GetAccountQuery(id));
                Assert.Equal(i, view!.Balance);
            }
        }));

        await ledger.SettleAsync();
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [Fact]
    public async Task AStuckReadModel_DelaysReadsOnce_ThenTheyAnswerFromItAsItIs_UntilItCatchesUp()
    {
        var held = new HeldProjection();
        var logs = new ConcurrentQueue<string>();
        await using var ledger = await held.StartLedgerAsync(o => o.ReadYourWritesTimeoutMilliseconds = 2_000, s => s.AddSingleton<ILoggerProvider>(new WarningsTo(logs)));
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();

        held.Close();
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(10m, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        }

        Assert.Single(logs, m => m.Contains("did not reach position", StringComparison.Ordinal));

        // Once the read model has what it missed, reads wait for new answers again.
        held.Open();
        var deadline = DateTime.UtcNow + Long;
        while ((await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance != 15m && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await AssertAReadWaitsForTheNextAnswerAsync(ledger, held, 16m, "a read went ahead of a new answer after the read model had caught up");
    }

    [PostgresOnlyFact("on SQLite a stuck projection holds the write turn itself: the command after it waits (see the test below)")]
    public async Task WhileTheReadModelIsStuck_AnswersStop_AboutOneQueueAhead_AndNothingIsLostWhenItMovesAgain()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync();
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 0m));
        await ledger.SettleAsync();

        held.Close();
        const int Sent = CommandWriter.MaxUndeliveredEvents + 100;
        var answered = 0;
        var client = Task.Run(async () =>
        {
            for (var i = 0; i < Sent; i++)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"r{i}"));
                Interlocked.Increment(ref answered);
            }
        });

        // One delivery held at the gate (what its linger gathered: the first commit, or a few more, never past
        // DeliveryLingerEvents), then at most MaxQueuedEvents queued behind it, and the batch that found the queue full waits.
        var deadline = DateTime.UtcNow + Long;
        while (Volatile.Read(ref answered) <= CommandWriter.MaxUndeliveredEvents && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(1_000);
        Assert.False(client.IsCompleted, "the appends ran ahead of a stuck read model without bound");
        Assert.InRange(Volatile.Read(ref answered), CommandWriter.MaxUndeliveredEvents, CommandWriter.MaxUndeliveredEvents + CommandWriter.DeliveryLingerEvents + 3);

        held.Open();
        await client.WaitAsync(Long);
        Assert.Equal(Sent, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    [SqliteOnlyFact("on a server the projections run beside the appends (see the test above)")]
    public async Task OnSqlite_AStuckReadModel_HoldsTheWriteTurnAfterTheAnswer_AndNothingIsLostWhenItMovesAgain()
    {
        var held = new HeldProjection();
        // No linger: the first deposit's delivery runs in its own write turn, right after its answer.
        await using var ledger = await held.StartLedgerAsync(o => o.ProjectionLingerMilliseconds = 0);
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 0m));
        await ledger.SettleAsync();

        held.Close();
        // Durable, so answered, though its projection waits at the gate inside the write turn...
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "r1")).AsTask().WaitAsync(Long);
        Assert.Equal(2, await ledger.EventCountAsync());

        // ...which the next command needs: it waits, written nowhere, until the projection moves.
        var next = ledger.Mediator.Send(new DepositMoneyCommand("A", 2m, "r2")).AsTask();
        await Task.Delay(300);
        Assert.False(next.IsCompleted, "a command was appended while the projection before it still held SQLite's write turn");
        Assert.Equal(2, await ledger.EventCountAsync());

        held.Open();
        await next.WaitAsync(Long);
        Assert.Equal(3m, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(ledger);
    }

    private sealed class WarningsTo(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
    [Fact]
    public async Task AReadNamingAPositionThisInstanceNeverAnswered_WaitsForIt_WhereAPlainReadDoesNot()
    {
        await using var ledger = await new HeldProjection().StartLedgerAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.SettleAsync();
        // Written by another process, as far as this one knows: not answered here, not published to its projections.
        var other = await ledger.AppendUnpublishedAsync([Deposit("A", 5m)], Elsewhere);

        Assert.Equal(10m, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Task<AccountView?> named;
        using (ReadAfter.Use(other[^1].Position))
        {
            named = ledger.Mediator.Send(new GetAccountQuery("A")).AsTask();
        }

        await Task.Delay(300);
        Assert.False(named.IsCompleted, "a read naming a position went ahead of the read model");
        await ledger.CatchUpAsync();
        Assert.Equal(15m, (await named.WaitAsync(Long))!.Balance);
    }

    [Fact]
    public async Task ANamedPositionTheReadModelDoesNotReachInTime_IsRefused_AndReadsStillWaitForAnswersAfter()
    {
        var held = new HeldProjection();
        await using var ledger = await held.StartLedgerAsync(o => o.ReadYourWritesTimeoutMilliseconds = 500);
        using var reopen = held.OpenAtTheEnd();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 0m));
        await ledger.SettleAsync();
        var other = await ledger.AppendUnpublishedAsync([Deposit("B", 5m)], Elsewhere);

        using (ReadAfter.Use(other[^1].Position))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(async () => await ledger.Mediator.Send(new GetAccountQuery("B")));
            Assert.Equal(CommandErrorCodes.ReadModelBehind, refused.Code);
        }

        // That caller's wait did not make the fence give up: a read after this instance's next answer still waits for it.
        await AssertAReadWaitsForTheNextAnswerAsync(ledger, held, 11m, "a read went ahead of an answer after a named read had timed out");
    }

    /// <summary>With the projection held shut, deposits 1 to A; a read of A right after waits, and once opened shows <paramref name="balance"/>.</summary>
    private static async Task AssertAReadWaitsForTheNextAnswerAsync(TestLedger ledger, HeldProjection held, decimal balance, string because)
    {
        held.Close();
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"next-{balance}"));
        var read = ledger.Mediator.Send(new GetAccountQuery("A")).AsTask();
        await Task.Delay(300);
        Assert.False(read.IsCompleted, because);
        held.Open();
        Assert.Equal(balance, (await read.WaitAsync(Long))!.Balance);
    }

    /// <summary>A second event (a deposit) on an account opened with one.</summary>
    private static StreamAppend Deposit(string accountId, decimal amount) =>
        new(Account.StreamId(accountId), ExpectedVersion.Exactly(1), [NewEvent.From(new MoneyDeposited(accountId, amount, "elsewhere", "d", DateTimeOffset.UtcNow))]);
}
