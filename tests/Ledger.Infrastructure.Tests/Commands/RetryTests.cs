namespace Ledger.Infrastructure.Tests.Commands;

/// <summary>Plays "another process wrote first" deterministically: before each of the first N appends, a rival deposit lands.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task LosingARace_IsRetriedOnFreshState_AndCounted()
    {
        await using var ledger = await StartWithRivalsAsync(rivalAppends: 2);

        var result = await ledger.Mediator.Send(new WithdrawMoneyCommand("A", 50m, "mine"));

        Assert.Equal(4, result.Version);
        Assert.Equal(100m + 2 - 50m, result.Balance);
        Assert.Equal(2, ledger.Get<LedgerMetrics>().RetryTotal);
        Assert.Equal(2, ledger.Get<LedgerMetrics>().ConflictTotal);
    }

    [Fact]
    public async Task ARetryDecidesAgain_SoARuleBrokenByTheRival_IsReported()
    {
        await using var ledger = await StartWithRivalsAsync(rivalAppends: 1, rivalAmount: -100m);

        var error = await Assert.ThrowsAnyAsync<DomainException>(async () => await ledger.Mediator.Send(new WithdrawMoneyCommand("A", 50m, "mine")));

        Assert.Equal(ErrorCodes.InsufficientFunds, error.Code);
    }

    [Fact]
    public async Task ConflictsBeyondTheRetryBudget_SurfaceAsConcurrencyConflict_AndWriteNothing()
    {
        await using var ledger = await StartWithRivalsAsync(rivalAppends: 100, retries: 3);
        var before = await ledger.EventCountAsync();

        var error = await Assert.ThrowsAnyAsync<DomainException>(async () => await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "mine")));

        Assert.Equal(CommandErrorCodes.ConcurrencyConflict, error.Code);
        Assert.Equal(before + 4, await ledger.EventCountAsync());
        Assert.DoesNotContain((await ledger.Mediator.Send(new GetAccountHistoryQuery("A", PageSize: 100))).Items, e => e.Reference == "mine");
    }

    [Fact]
    public async Task APinnedVersion_IsNotRetried_ButReportedAsVersionMismatch()
    {
        await using var ledger = await StartWithRivalsAsync(rivalAppends: 1);

        var error = await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "mine") { ExpectedVersion = 1 }));

        Assert.Equal(CommandErrorCodes.VersionMismatch, error.Code);
        Assert.Equal(0, ledger.Get<LedgerMetrics>().RetryTotal);
    }

    private static async Task<TestLedger> StartWithRivalsAsync(int rivalAppends, decimal rivalAmount = 1m, int retries = 10)
    {
        var ledger = await TestLedger.StartAsync(o => o.MaxConcurrencyRetries = retries, services: ForwardingEventStore.Install<Rival>);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 100m));
        var rival = ledger.Get<Rival>();
        rival.Remaining = rivalAppends;
        rival.Amount = rivalAmount;
        return ledger;
    }

    /// <summary>Before each of the next N appends, another writer appends to account A first.</summary>
    private sealed class Rival : ForwardingEventStore
    {
        public int Remaining { get; set; }

        public decimal Amount { get; set; }

        protected override async Task<IReadOnlyList<StoredEvent>> AppendAsync(
            IEventStoreSession inner, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
        {
            if (Remaining-- > 0)
            {
                IAccountEvent e = Amount >= 0
                    ? new MoneyDeposited("A", Amount, "rival", "Rival", DateTimeOffset.UtcNow)
                    : new MoneyWithdrawn("A", -Amount, "rival", "Rival", DateTimeOffset.UtcNow);
                await inner.AppendAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Any, [NewEvent.From(e)])], new EventMetadata("rival", "rival-" + Guid.NewGuid(), "rival"), null, cancellationToken);
            }

            return await inner.AppendAsync(appends, metadata, command, cancellationToken);
        }
    }
}
