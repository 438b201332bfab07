namespace Ledger.Infrastructure.Tests.Commands;

/// <summary>
/// A command on an account this process wrote last is decided on the state it keeps, without a read
/// first: the append's version check is what catches another writer. Only a refusal, which writes
/// nothing and so is checked by nothing, is decided again on what the database says.
/// </summary>
public sealed class CachedStateTests
{
    [Fact]
    public async Task ACommandOnAnAccountThisProcessWroteLast_ReadsNothingBeforeItsAppend()
    {
        await using var ledger = await TestLedger.StartAsync(services: ForwardingEventStore.Install<CountingStore>);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        var reads = ledger.Get<CountingStore>();
        reads.Reset();

        var result = await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));

        Assert.Equal(2, result.Version);
        Assert.Equal(0, reads.Count);
    }

    [Fact]
    public async Task ARefusalOnTheKeptState_IsDecidedAgainOnTheDatabaseState()
    {
        await using var first = await TestLedger.StartAsync(services: ForwardingEventStore.Install<CountingStore>);
        await first.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await using var second = await TestLedger.StartAsync(database: first.Database.Borrow());
        await second.Mediator.Send(new DepositMoneyCommand("A", 100m, "elsewhere"));
        var reads = first.Get<CountingStore>();
        reads.Reset();

        // The first process keeps A at 10: a withdrawal of 50 would be refused on that, and is not.
        var result = await first.Mediator.Send(new WithdrawMoneyCommand("A", 50m, "r"));

        Assert.Equal(60m, result.Balance);
        Assert.True(reads.Count > 0);
    }

    [Fact]
    public async Task AKeptStateAnotherProcessMovedPast_IsCaughtByTheAppend_AndDecidedAgain()
    {
        await using var first = await TestLedger.StartAsync();
        await first.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await using var second = await TestLedger.StartAsync(database: first.Database.Borrow());
        await second.Mediator.Send(new WithdrawMoneyCommand("A", 10m, "elsewhere"));

        var refusal = await Assert.ThrowsAnyAsync<DomainException>(async () => await first.Mediator.Send(new WithdrawMoneyCommand("A", 10m, "again")));

        Assert.Equal(ErrorCodes.InsufficientFunds, refusal.Code);
        Assert.Equal(2, await first.EventCountAsync());
    }

    /// <summary>Counts every read the write path makes through the store.</summary>
    private sealed class CountingStore : ForwardingEventStore, IEventStore
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Reset() => Volatile.Write(ref count, 0);

        public new Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return base.StreamVersionAsync(streamId, cancellationToken);
        }
    }
}
