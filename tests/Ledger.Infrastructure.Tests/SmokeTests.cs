namespace Ledger.Infrastructure.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Open_deposit_withdraw_transfer_updates_read_model()
    {
        await using var ledger = await TestLedger.StartAsync();
        var a = await ledger.Mediator.Send(new OpenAccountCommand("A", "h1", "Alice", "EUR", 100m));
        var b = await ledger.Mediator.Send(new OpenAccountCommand(null, "h2", "Bob", "EUR", 0m));
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 50.25m, "r1"));
        await ledger.Mediator.Send(new WithdrawMoneyCommand("A", 10m, "r2"));
        var t = await ledger.Mediator.Send(new TransferMoneyCommand(null, "A", b.AccountId, 40m));

        Assert.Equal(100.25m, t.From.Balance);
        Assert.Equal(40m, t.To.Balance);
        var view = await ledger.Mediator.Send(new GetAccountQuery("A"));
        Assert.Equal(100.25m, view!.Balance);
        Assert.Equal(4, view.Version);
        var history = await ledger.Mediator.Send(new GetAccountHistoryQuery("A"));
        Assert.Equal(4, history.Total);
        var at2 = await ledger.Mediator.Send(new GetAccountStateAtVersionQuery("A", 2));
        Assert.Equal(150.25m, at2!.Balance);
        var all = await ledger.Mediator.Send(new GetBalancesAsOfQuery());
        Assert.Equal(140.25m, all.Totals.Single().Balance);
        var status = await ledger.Mediator.Send(new GetLedgerStatusQuery());
        Assert.Equal(6, status.EventCount);
        Assert.All(status.Projections, p => Assert.Equal(0, p.LagEvents));
    }
}
