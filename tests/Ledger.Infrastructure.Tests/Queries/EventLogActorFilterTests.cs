namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>"Who did this?": the event log filters by the actor in each event's metadata, on either engine's JSON.</summary>
public sealed class EventLogActorFilterTests
{
    [Fact]
    public async Task TheEventLog_FiltersByActor_ExactlyAndWithTheOtherFilters()
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("WHO-1", "h", "H", "EUR", 10m) { Actor = "ada" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-1", 1m, "R1") { Actor = "carl" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-1", 2m, "R2") { Actor = "carl" });
        await ledger.Mediator.Send(new WithdrawMoneyCommand("WHO-1", 1m, "R3") { Actor = "carla" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-1", 3m, "R4") { Actor = "o'brien \"x\"" });

        var carl = await ledger.Mediator.Send(new GetEventLogQuery(Actor: "carl"));
        Assert.Equal(2, carl.Total);
        Assert.All(carl.Items, e => Assert.Equal("carl", e.Metadata.Actor));
        Assert.Equal([3L, 2L], carl.Items.Select(e => e.Version));

        var carlWithdrawals = await ledger.Mediator.Send(new GetEventLogQuery(EventType: "MoneyWithdrawn", Actor: "carl"));
        Assert.Equal(0, carlWithdrawals.Total);
        var quoted = await ledger.Mediator.Send(new GetEventLogQuery(AccountId: "WHO-1", Actor: "o'brien \"x\""));
        Assert.Equal(5L, Assert.Single(quoted.Items).Version);
        Assert.Equal(0, (await ledger.Mediator.Send(new GetEventLogQuery(Actor: "nobody"))).Total);
        Assert.Equal(5, (await ledger.Mediator.Send(new GetEventLogQuery(Actor: "  "))).Total);
    }

    [Theory]
    [InlineData("alice", 2)]
    [InlineData("ALICE", 2)]
    [InlineData("élise", 1)]
    [InlineData("ÉLISE", 1)]
    [InlineData("ali", 0)]
    [InlineData("al*", 0)]
    [InlineData("a?ice", 0)]
    public async Task TheEventLog_FindsAnActorsEvents_WhateverTheCaseTheNameIsTypedIn_ButTheWholeNameOnly(string typed, int events)
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("WHO-2", "h", "H", "EUR", 10m) { Actor = "Alice" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-2", 1m, "R1") { Actor = "Alice" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-2", 2m, "R2") { Actor = "Élise" });
        await ledger.Mediator.Send(new DepositMoneyCommand("WHO-2", 3m, "R3") { Actor = "alicia" });

        var page = await ledger.Mediator.Send(new GetEventLogQuery(Actor: typed));

        Assert.Equal(events, page.Total);
        Assert.All(page.Items, e => Assert.Equal(typed, e.Metadata.Actor, ignoreCase: true));
    }
}
