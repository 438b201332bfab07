namespace Ledger.Infrastructure.Tests.Commands;

public sealed class IdempotencyTests : LedgerTestBase
{
    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h1", "Alice", "EUR", 100m));
    }

    [Fact]
    public async Task SameCommandIdTwice_ActsOnce_AndReturnsTheFirstResult()
    {
        var first = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r") { CommandId = "key-1" });
        var count = await Ledger.EventCountAsync();

        var second = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r") { CommandId = "key-1" });

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first with { Replayed = true }, second with { Replayed = true }, new ResultComparer());
        Assert.Equal(count, await Ledger.EventCountAsync());
        Assert.Equal(105m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task ARefusedCommandId_KeepsItsRefusal_AfterTheStateChanged_AndNeverWritesAnEvent()
    {
        var count = await Ledger.EventCountAsync();
        var first = await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 150m, "r") { CommandId = "key-refused" }));
        await Ledger.Mediator.Send(new DepositMoneyCommand("A", 100m, "top-up"));

        var again = await Assert.ThrowsAsync<CommandRefusedException>(async () =>
            await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 150m, "r") { CommandId = "key-refused" }));

        Assert.Equal(ErrorCodes.InsufficientFunds, first.Code);
        Assert.IsNotType<CommandRefusedException>(first);
        Assert.Equal((first.Code, first.Message, first.Field), (again.Code, again.Message, again.Field));
        Assert.True(again.Replayed);
        Assert.Equal(count + 1, await Ledger.EventCountAsync());
        Assert.Equal(200m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task ARefusalWithoutACallerChosenId_WritesNothingAtAll()
    {
        await using var db = await Ledger.DbAsync();
        var recordsBefore = await db.ProcessedCommands.CountAsync();
        var eventsBefore = await Ledger.EventCountAsync();

        var refused = await Assert.ThrowsAnyAsync<DomainException>(async () => await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 150m, "r")));

        Assert.Equal(ErrorCodes.InsufficientFunds, refused.Code);
        Assert.Equal(recordsBefore, await db.ProcessedCommands.CountAsync());
        Assert.Equal(eventsBefore, await Ledger.EventCountAsync());
    }

    [Fact]
    public async Task SameCommandId_WithDifferentContent_IsRejected_AndWritesNothing()
    {
        await Ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r") { CommandId = "key-2" });
        var count = await Ledger.EventCountAsync();

        var error = await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await Ledger.Mediator.Send(new DepositMoneyCommand("A", 6m, "r") { CommandId = "key-2" }));

        Assert.Equal(CommandErrorCodes.IdempotencyKeyReused, error.Code);
        Assert.Equal(count, await Ledger.EventCountAsync());
    }

    [Fact]
    public async Task OpenWithoutAccountId_Replayed_ReturnsTheSameGeneratedAccount()
    {
        var first = await Ledger.Mediator.Send(new OpenAccountCommand(null, "h", null, "EUR", 1m) { CommandId = "open-1" });
        var again = await Ledger.Mediator.Send(new OpenAccountCommand(null, "h", null, "EUR", 1m) { CommandId = "open-1" });

        Assert.Equal(first.AccountId, again.AccountId);
        Assert.True(again.Replayed);
    }

    [Fact]
    public async Task RacingSendsOfOneCommandId_ActExactlyOnce()
    {
        var sends = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(async () => await Ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "race") { CommandId = "race-1" })))
            .ToArray();

        var results = await Task.WhenAll(sends);

        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(results[0].Version, r.Version));
        Assert.Equal(101m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task RacingSendsFromTwoProcesses_ActExactlyOnce()
    {
        await using var other = await TestLedger.StartAsync(database: Ledger.Database.Borrow());
        var sends = Enumerable.Range(0, 12)
            .Select(i => Task.Run(async () => await (i % 2 == 0 ? Ledger : other).Mediator.Send(new DepositMoneyCommand("A", 2m, "race") { CommandId = "race-2" })))
            .ToArray();

        var results = await Task.WhenAll(sends);

        Assert.Single(results, r => !r.Replayed);
        Assert.Equal(102m, (await Ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task Replay_SurvivesARestart()
    {
        var first = await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 10m, "r") { CommandId = "restart-1" });
        await using var restarted = await TestLedger.StartAsync(database: Ledger.Database.Borrow());

        var again = await restarted.Mediator.Send(new WithdrawMoneyCommand("A", 10m, "r") { CommandId = "restart-1" });

        Assert.True(again.Replayed);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(90m, (await restarted.Mediator.Send(new GetAccountQuery("A")))!.Balance);
    }

    [Fact]
    public async Task ARecordFromBeforeRequestsWereComparedByValue_StillReplays()
    {
        // Before the fingerprint was canonical it hashed the command as the API serialized it: amounts with the
        // digits they were typed with, and the pinned version. Such a record must still answer its resends.
        var command = new DepositMoneyCommand("A", 25.50m, "legacy") { CommandId = "legacy-1", ExpectedVersion = 1 };
        var json = System.Text.Json.JsonSerializer.Serialize(command, global::Ledger.Infrastructure.Storage.Serialization.EventSerializer.Options);
        Assert.Contains("\"amount\":25.50", json, StringComparison.Ordinal);
        var legacyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("DepositMoneyCommand\n" + json)));
        await using (var db = await Ledger.DbAsync())
        {
            db.ProcessedCommands.Add(new ProcessedCommandRecord
            {
                CommandId = "legacy-1",
                CommandType = "DepositMoneyCommand",
                RequestHash = legacyHash,
                Result = """{"accountId":"A","version":2,"balance":125.5,"status":"Active","eventIds":[]}""",
                RecordedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        var count = await Ledger.EventCountAsync();
        var resend = await Ledger.Mediator.Send(command);

        Assert.True(resend.Replayed);
        Assert.Equal(125.5m, resend.Balance);
        Assert.Equal(count, await Ledger.EventCountAsync());
    }

    private sealed class ResultComparer : IEqualityComparer<CommandResult>
    {
        public bool Equals(CommandResult? x, CommandResult? y) =>
            x is not null && y is not null && x.AccountId == y.AccountId && x.Version == y.Version && x.Balance == y.Balance
            && x.Status == y.Status && x.EventIds.SequenceEqual(y.EventIds);

        public int GetHashCode(CommandResult obj) => obj.AccountId.GetHashCode(StringComparison.Ordinal);
    }
}
