namespace Ledger.Infrastructure.Tests.EventStore;

/// <summary>The write path's cache of folded states must never decide a command on a state the database has moved past.</summary>
public sealed class AccountStateCacheTests : LedgerTestBase
{
    [Fact]
    public async Task AnotherProcessWritesInBetween_TheNextCommandDecidesOnTheDatabaseState()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await Ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "cached"));
        await using var second = await TestLedger.StartAsync(database: Ledger.Database.Borrow());
        await second.Mediator.Send(new WithdrawMoneyCommand("A", 15m, "elsewhere"));

        // This process cached A at 15; the database says 0, so this withdrawal must be refused...
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 1m, "stale")));
        Assert.Equal(ErrorCodes.InsufficientFunds, refused.Code);

        // ...and this deposit lands on top of the other process's event, not beside it.
        var result = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 2m, "fresh"));
        Assert.Equal(4, result.Version);
        Assert.Equal(2m, result.Balance);
        Assert.Equal(await Ledger.Get<AccountLoader>().ReplayAsync("A", default), await Ledger.Get<AccountLoader>().LoadAsync("A", default));
    }

    [Fact]
    public async Task IfMatch_IsCheckedAgainstTheDatabaseVersion_NotTheCachedOne()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await using var second = await TestLedger.StartAsync(database: Ledger.Database.Borrow());
        await second.Mediator.Send(new DepositMoneyCommand("A", 1m, "elsewhere"));

        var result = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "pinned") { ExpectedVersion = 2 });

        Assert.Equal(3, result.Version);
    }

    [Fact]
    public async Task BeyondCapacity_TheCacheStartsOver_AndEveryAnswerStaysRight()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.StateCacheCapacity = 2);
        foreach (var id in new[] { "A", "B", "C", "D" })
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "h", null, "EUR", 10m));
        }

        foreach (var id in new[] { "A", "B", "C", "D", "A" })
        {
            await ledger.Mediator.Send(new DepositMoneyCommand(id, 1m, "r-" + Guid.NewGuid()));
        }

        var cache = ledger.Get<AccountStateCache>();
        Assert.True(new[] { "A", "B", "C", "D" }.Count(id => cache.TryGet(id, out _)) <= 2);
        Assert.Equal(12m, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(12m, (await ledger.Get<AccountLoader>().LoadAsync("A", default))!.Balance);
    }

    [Fact]
    public void AnOlderState_NeverReplacesANewerOne()
    {
        var cache = new AccountStateCache(Microsoft.Extensions.Options.Options.Create(new LedgerOptions()));
        var opened = Domain.Accounts.Account.Fold([new Domain.Accounts.AccountOpened("A", "h", "H", "EUR", 1m, DateTimeOffset.UnixEpoch)])!;
        var deposited = Domain.Accounts.Account.Fold([new Domain.Accounts.MoneyDeposited("A", 1m, "r", "d", DateTimeOffset.UnixEpoch)], opened)!;

        cache.Remember(deposited);
        cache.Remember(opened);

        Assert.True(cache.TryGet("A", out var cached));
        Assert.Equal(2, cached.Version);
    }
}
