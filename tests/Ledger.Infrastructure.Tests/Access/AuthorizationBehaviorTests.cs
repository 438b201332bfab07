using Ledger.Infrastructure.Application.Access;

namespace Ledger.Infrastructure.Tests.Access;

/// <summary>
/// The mediator pipeline's own check, beneath whatever the API or the UI checked first: with sign-in on a command
/// needs a caller whose role permits it, writes nothing when refused, and is recorded under the caller's name.
/// </summary>
public sealed class AuthorizationBehaviorTests
{
    private static readonly Caller Vera = new("vera", LedgerRoles.Viewer);
    private static readonly Caller Carl = new("carl", LedgerRoles.Clerk);
    private static readonly Caller Ada = new("ada", LedgerRoles.Admin);

    private static Task<TestLedger> SignInLedgerAsync() =>
        TestLedger.StartAsync(services: s => s.Configure<AccessOptions>(o => o.SignInRequired = true));

    [Fact]
    public async Task WithSignInOn_ACommandWithoutACaller_IsRefusedAsUnauthenticated_AndWritesNothing()
    {
        await using var ledger = await SignInLedgerAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => ledger.Mediator.Send(new OpenAccountCommand("NOBODY-1", "h", "H", "EUR", 10m)).AsTask());
        Assert.Equal(AccessCodes.Unauthenticated, refused.Code);
        Assert.Equal(0, await ledger.EventCountAsync());
    }

    [Fact]
    public async Task AViewer_MayNotMoveMoney_AndAClerk_MayNotOpenOrClose_NorRebuild()
    {
        await using var ledger = await SignInLedgerAsync();
        await AsAsync(Ada, () => ledger.Mediator.Send(new OpenAccountCommand("ROLE-1", "h", "H", "EUR", 10m)).AsTask());

        await RefusedAsync(ledger, Vera, new DepositMoneyCommand("ROLE-1", 1m, "R1"), "Depositing, withdrawing and transferring needs the clerk role; vera is a viewer.");
        await RefusedAsync(ledger, Vera, new WithdrawMoneyCommand("ROLE-1", 1m, "R2"));
        await RefusedAsync(ledger, Carl, new OpenAccountCommand("ROLE-2", "h", "H", "EUR", 0m), "Opening and closing accounts needs the admin role; carl is a clerk.");
        await RefusedAsync(ledger, Carl, new CloseAccountCommand("ROLE-1", "done"));
        var rebuild = await Assert.ThrowsAsync<DomainException>(() => AsAsync(Carl, () => ledger.Mediator.Send(new RebuildProjectionsCommand()).AsTask()));
        Assert.Equal(AccessCodes.Forbidden, rebuild.Code);
        Assert.Equal(1, await ledger.EventCountAsync());
    }

    [Fact]
    public async Task AClerksDeposit_IsRecordedUnderTheClerksName_WhateverActorTheCommandCarried()
    {
        await using var ledger = await SignInLedgerAsync();
        await AsAsync(Ada, () => ledger.Mediator.Send(new OpenAccountCommand("ACTOR-1", "h", "H", "EUR", 10m) { Actor = "api" }).AsTask());
        await AsAsync(Carl, () => ledger.Mediator.Send(new DepositMoneyCommand("ACTOR-1", 5m, "R1") { Actor = "mallory" }).AsTask());

        var events = (await ledger.Mediator.Send(new GetAccountEventsQuery("ACTOR-1"))).Items;
        Assert.Equal(["ada", "carl"], events.Select(e => e.Metadata.Actor));
    }

    [Fact]
    public async Task TheSystemCaller_MayDoAnything_AndKeepsTheActorItsCommandsName()
    {
        await using var ledger = await SignInLedgerAsync();
        await AsAsync(Caller.System, () => ledger.Mediator.Send(new OpenAccountCommand("SYS-1", "h", "H", "EUR", 10m) { Actor = "sample-ledger" }).AsTask());
        var events = (await ledger.Mediator.Send(new GetAccountEventsQuery("SYS-1"))).Items;
        Assert.Equal("sample-ledger", Assert.Single(events).Metadata.Actor);
    }

    [Fact]
    public async Task WithSignInOff_ACommandWithoutACaller_RunsUnderTheActorItNames()
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("OFF-1", "h", "H", "EUR", 10m) { Actor = "api" });
        var events = (await ledger.Mediator.Send(new GetAccountEventsQuery("OFF-1"))).Items;
        Assert.Equal("api", Assert.Single(events).Metadata.Actor);
    }

    /// <summary>A new command is refused to all but admins until someone places it in the table: this names it.</summary>
    [Fact]
    public void EveryCommand_HasItsOwnPlaceInThePermissionTable()
    {
        var commands = typeof(LedgerCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i == typeof(IBaseCommand)))
            .ToArray();
        Assert.Equal(6, commands.Length);
        Assert.All(commands, c => Assert.NotEqual(Permission.ManageUsers, CommandPermissions.For(c)));
    }

    private static async Task RefusedAsync<TResult>(TestLedger ledger, Caller caller, ICommand<TResult> command, string? message = null)
    {
        var before = await ledger.EventCountAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => AsAsync(caller, () => ledger.Mediator.Send(command).AsTask()));
        Assert.Equal(AccessCodes.Forbidden, refused.Code);
        if (message is not null)
        {
            Assert.Equal(message, refused.Message);
        }

        Assert.Equal(before, await ledger.EventCountAsync());
    }

    private static async Task<T> AsAsync<T>(Caller caller, Func<Task<T>> send)
    {
        using (Caller.Use(caller))
        {
            return await send();
        }
    }
}
