namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// Issue 11, item 2: one event this build cannot read (a type from a newer Ledger, a newer schema) holds
/// its own account back and nothing else. The rows are inserted with plain SQL, as a newer build would.
/// </summary>
public sealed class QuarantineTests : IAsyncLifetime
{
    private TestLedger ledger = null!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 100m));
        await ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 100m));
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Theory]
    [InlineData("InterestApplied", 1, """{"accountId":"A","amount":1.5}""")]
    [InlineData("MoneyDeposited", 99, """{"accountId":"A","amount":1.5,"currency":"EUR"}""")]
    [InlineData("MoneyDeposited", 2, """{"accountId":"A","amount":"not a number"}""")]
    public async Task AnUnreadableEvent_QuarantinesItsAccount_AndEveryOtherAccountGoesOn(string type, int schema, string data)
    {
        var position = await ledger.InsertRawEventAsync("A", 2, type, schema, data);

        await ledger.Mediator.Send(new DepositMoneyCommand("B", 7m, "after"));
        await ledger.CatchUpAsync();

        Assert.Equal(107m, (await ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
        var a = (await ledger.Mediator.Send(new GetAccountQuery("A")))!;
        Assert.Equal((100m, 1L), (a.Balance, a.Version));
        var status = await ledger.Mediator.Send(new GetLedgerStatusQuery());
        var held = Assert.Single(status.Quarantined);
        Assert.Equal<object>(("BankAccount-A", "A", position, type, schema), (held.StreamId, held.AccountId, held.Position, held.Type, held.SchemaVersion));
        Assert.All(status.Projections, p => Assert.Equal(0, p.LagEvents));
    }

    [Fact]
    public async Task TheFeed_ReturnsAnUnreadableEventAsStored_MarkedUnreadable()
    {
        var position = await ledger.InsertRawEventAsync("A", 2, "InterestApplied", 1, """{"accountId":"A","amount":1.5}""");

        var feed = await ledger.Mediator.Send(new GetEventFeedQuery(0, 100));

        var unreadable = Assert.Single(feed.Items, e => !e.Readable);
        Assert.Equal<object>((position, "InterestApplied", "A"), (unreadable.Position, unreadable.Type, unreadable.AccountId));
        Assert.Equal(1.5m, unreadable.Data.GetProperty("amount").GetDecimal());
        Assert.All(feed.Items.Where(e => e.Position != position), e => Assert.True(e.Readable));
    }

    [Fact]
    public async Task CommandsOnAQuarantinedAccount_Answer409StreamUnreadable_AndWriteNothing()
    {
        await ledger.InsertRawEventAsync("A", 2, "InterestApplied", 1, """{"accountId":"A","amount":1.5}""");
        var count = await ledger.EventCountAsync();

        LedgerCommand[] refused =
        [
            new DepositMoneyCommand("A", 1m, "r"),
            new WithdrawMoneyCommand("A", 1m, "r") { CommandId = "keyed" },
            new TransferMoneyCommand(null, "B", "A", 1m),
            new TransferMoneyCommand(null, "A", "B", 1m),
            new CloseAccountCommand("A", "done"),
        ];
        foreach (var command in refused)
        {
            var error = await Assert.ThrowsAsync<CommandRefusedException>(async () => await ledger.Mediator.Send((object)command));
            Assert.Equal(CommandErrorCodes.StreamUnreadable, error.Code);
            Assert.Contains("InterestApplied", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(count, await ledger.EventCountAsync());
        await using var db = await ledger.DbAsync();
        Assert.False(await db.ProcessedCommands.AnyAsync(c => c.CommandId == "keyed"));
        Assert.Equal(100m, (await ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
    }

    [Fact]
    public async Task LaterEventsOfAHeldAccount_WaitWithIt()
    {
        await ledger.InsertRawEventAsync("A", 2, "InterestApplied", 1, """{"accountId":"A","amount":1.5}""");
        await ledger.InsertRawEventAsync("A", 3, "MoneyDeposited", 2, """{"accountId":"A","amount":5,"transactionReference":"r","description":"d","occurredAt":"2026-01-01T00:00:00Z"}""");

        await ledger.CatchUpAsync();

        var a = (await ledger.Mediator.Send(new GetAccountQuery("A")))!;
        Assert.Equal((100m, 1L), (a.Balance, a.Version));
        var history = await ledger.Mediator.Send(new GetAccountHistoryQuery("A"));
        Assert.Equal(1, history.Total);
    }

    [Fact]
    public async Task ABuildThatReadsTheEvent_LetsTheAccountBackIn_AndAppliesWhatWaited()
    {
        // What an older build leaves behind: a readable deposit it could not read, held, and passed over.
        var position = await ledger.InsertRawEventAsync("A", 2, "MoneyDeposited", 2,
            """{"accountId":"A","amount":5,"transactionReference":"r","description":"d","occurredAt":"2026-01-01T00:00:00Z"}""");
        await using (var db = await ledger.DbAsync())
        {
            db.QuarantinedStreams.Add(new QuarantinedStreamRow
            {
                StreamId = "BankAccount-A", Position = position, EventType = "MoneyDeposited", SchemaVersion = 2, Reason = "older build", DetectedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE projection_checkpoints SET position = {position}");
        }

        await using var upgraded = await TestLedger.StartAsync(database: ledger.Database.Borrow());
        await upgraded.Get<ProjectionRunner>().ReleaseReadableAsync(CancellationToken.None);

        var a = (await upgraded.Mediator.Send(new GetAccountQuery("A")))!;
        Assert.Equal((105m, 2L), (a.Balance, a.Version));
        Assert.Empty((await upgraded.Mediator.Send(new GetLedgerStatusQuery())).Quarantined);
        await upgraded.Mediator.Send(new DepositMoneyCommand("A", 1m, "after"));
        Assert.Equal(106m, (await upgraded.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        await ReadModelAssert.EqualsReplayAsync(upgraded);
    }

    [Fact]
    public async Task ARebuild_FindsTheSameQuarantine_AndLeavesTheRestEqualToAReplay()
    {
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 3m, "before"));
        await ledger.InsertRawEventAsync("A", 3, "InterestApplied", 1, """{"accountId":"A","amount":1.5}""");
        await ledger.Mediator.Send(new DepositMoneyCommand("B", 2m, "r"));
        await ledger.CatchUpAsync();

        var result = await ledger.Mediator.Send(new RebuildProjectionsCommand());

        Assert.True(result.ReadModelWasRight, $"{result.DifferentRows} rows differed");
        var status = await ledger.Mediator.Send(new GetLedgerStatusQuery());
        Assert.Equal("BankAccount-A", Assert.Single(status.Quarantined).StreamId);
        Assert.Equal(103m, (await ledger.Mediator.Send(new GetAccountQuery("A")))!.Balance);
        Assert.Equal(102m, (await ledger.Mediator.Send(new GetAccountQuery("B")))!.Balance);
    }
}
