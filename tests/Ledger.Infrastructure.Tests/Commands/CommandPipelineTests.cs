namespace Ledger.Infrastructure.Tests.Commands;

public sealed class CommandPipelineTests : LedgerTestBase
{
    protected override async Task SeedAsync()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h1", "Alice", "EUR", 70.50m));
        await Ledger.Mediator.Send(new OpenAccountCommand("B", "h2", "Bob", "EUR", 0m));
        await Ledger.Mediator.Send(new OpenAccountCommand("Y", "h3", "Yuki", "JPY", 1000m));
    }

    public static TheoryData<string, object> Rejections => new()
    {
        { ErrorCodes.InsufficientFunds, new WithdrawMoneyCommand("A", 100m, "r") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 0m, "r") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", -5m, "r") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 1.001m, "r") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("Y", 1.5m, "r") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 1m, "") },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 1m, new string('x', 101)) },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 1m, "r", new string('x', 501)) },
        { ErrorCodes.ValidationFailed, new DepositMoneyCommand("A", 1m, "r\u0007") },
        { ErrorCodes.ValidationFailed, new OpenAccountCommand("N", "h", null, "eur", 1m) },
        { ErrorCodes.ValidationFailed, new OpenAccountCommand("N", "h", null, "XXX", 1m) },
        { ErrorCodes.ValidationFailed, new OpenAccountCommand("bad id!", "h", null, "EUR", 1m) },
        { ErrorCodes.ValidationFailed, new OpenAccountCommand("N", " ", null, "EUR", 1m) },
        { ErrorCodes.ValidationFailed, new OpenAccountCommand("N", "h", null, "EUR", -1m) },
        { ErrorCodes.DepositLimitExceeded, new DepositMoneyCommand("A", 1_000_000.01m, "r") },
        { ErrorCodes.AccountExists, new OpenAccountCommand("A", "h", null, "EUR", 1m) },
        { ErrorCodes.AccountNotFound, new DepositMoneyCommand("nobody", 1m, "r") },
        { ErrorCodes.BalanceNotZero, new CloseAccountCommand("A", "done") },
        { ErrorCodes.SameAccount, new TransferMoneyCommand(null, "A", "A", 1m) },
        { ErrorCodes.CurrencyMismatch, new TransferMoneyCommand(null, "A", "Y", 1m) },
        { ErrorCodes.InsufficientFunds, new TransferMoneyCommand(null, "A", "B", 70.51m) },
        { ErrorCodes.AccountNotFound, new TransferMoneyCommand(null, "A", "nobody", 1m) },
        { CommandErrorCodes.VersionMismatch, new DepositMoneyCommand("A", 1m, "r") { ExpectedVersion = 7 } },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task RejectedCommand_ThrowsItsCode_WritesZeroEvents_AndIsCounted(string code, object command)
    {
        var before = await Ledger.EventCountAsync();
        var metrics = Ledger.Get<LedgerMetrics>();
        var rejectedBefore = metrics.RejectedByCode.GetValueOrDefault(code);

        var error = await Assert.ThrowsAnyAsync<DomainException>(async () => await Ledger.Mediator.Send(command));

        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, await Ledger.EventCountAsync());
        Assert.Equal(rejectedBefore + 1, metrics.RejectedByCode[code]);
    }

    [Fact]
    public async Task InsufficientFunds_SaysBalanceAndRequested()
    {
        var error = await Assert.ThrowsAnyAsync<DomainException>(async () => await Ledger.Mediator.Send(new WithdrawMoneyCommand("A", 100m, "r")));

        Assert.Equal("Insufficient funds: 100.00 EUR requested, but the balance of 'A' is 70.50 EUR.", error.Message);
    }

    [Fact]
    public async Task EverythingOnAClosedAccount_IsRefusedAsClosed()
    {
        await Ledger.Mediator.Send(new CloseAccountCommand("B", "no longer needed"));

        foreach (var command in new object[]
        {
            new DepositMoneyCommand("B", 1m, "r"),
            new WithdrawMoneyCommand("B", 1m, "r"),
            new CloseAccountCommand("B", "again"),
            new TransferMoneyCommand(null, "A", "B", 1m),
            new TransferMoneyCommand(null, "B", "A", 1m),
        })
        {
            var error = await Assert.ThrowsAnyAsync<DomainException>(async () => await Ledger.Mediator.Send(command));
            Assert.Equal(ErrorCodes.AccountClosed, error.Code);
        }
    }

    [Fact]
    public async Task Events_CarryActorCorrelationAndCommandId()
    {
        var command = new DepositMoneyCommand("A", 1m, "r") { Actor = "alice@example", CorrelationId = "corr-1" };

        var result = await Ledger.Mediator.Send(command);

        var events = await Ledger.Mediator.Send(new GetAccountEventsQuery("A", result.Version));
        var metadata = events.Items.Single().Metadata;
        Assert.Equal("alice@example", metadata.Actor);
        Assert.Equal("corr-1", metadata.CorrelationId);
        Assert.Equal(command.CommandId, metadata.CausationId);
        Assert.Equal(result.EventIds.Single(), events.Items.Single().EventId);
    }

    [Fact]
    public async Task ExpectedVersion_WhenCurrent_Applies()
    {
        var result = await Ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "r") { ExpectedVersion = 1 });

        Assert.Equal(2, result.Version);
    }

    [Fact]
    public async Task Transfer_MovesMoney_AndConservesTheTotal()
    {
        var before = await Ledger.Mediator.Send(new GetCurrencyTotalsQuery());

        var result = await Ledger.Mediator.Send(new TransferMoneyCommand("T-1", "A", "B", 20.50m, "rent share"));

        Assert.Equal(50m, result.From.Balance);
        Assert.Equal(20.50m, result.To.Balance);
        Assert.Equal(before, await Ledger.Mediator.Send(new GetCurrencyTotalsQuery()));
        await ReadModelAssert.EqualsReplayAsync(Ledger);
    }
}
