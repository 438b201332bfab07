namespace Ledger.Domain.Tests.Accounts;

public sealed class TransferMoneyTests
{
    private const string From = Id;
    private const string To = Other;

    private static IAccountEvent[] Accounts(decimal fromBalance = 100m, decimal toBalance = 5m, string fromCurrency = "EUR", string toCurrency = "EUR") =>
        [Opened(From, fromBalance, fromCurrency), Opened(To, toBalance, toCurrency, minute: 1)];

    [Fact]
    public void Transfer_BetweenOpenAccounts_EmitsBothLegs()
    {
        Given(Accounts())
            .When(Transfer(30m))
            .Then(Legs(30m));
    }

    [Fact]
    public void Transfer_BothLegs_CarryTheSameTransferIdAmountDescriptionAndTime()
    {
        var events = Given(Accounts()).At(Now.AddHours(3))
            .When(Transfer(12.34m, transferId: "rent-2025-03"))
            .ThenAccepted()
            .Events;

        var initiated = Assert.IsType<TransferInitiated>(events[0]);
        var received = Assert.IsType<TransferReceived>(events[1]);
        Assert.Equal(initiated.TransferId, received.TransferId);
        Assert.Equal("rent-2025-03", received.TransferId);
        Assert.Equal(initiated.Amount, received.Amount);
        Assert.Equal(initiated.Description, received.Description);
        Assert.Equal(initiated.OccurredAt, received.OccurredAt);
        Assert.Equal(Now.AddHours(3), received.OccurredAt);
    }

    [Fact]
    public void Transfer_MovesMoneyAndKeepsTheSumOfBalances()
    {
        var history = Accounts(fromBalance: 100m, toBalance: 5.55m).Append(Deposited(0.45m, From, minute: 2)).ToArray();

        var after = Given(history).When(Transfer(60.45m)).ThenAccepted();

        Assert.Equal(40m, after.StateOf(From).Balance);
        Assert.Equal(66m, after.StateOf(To).Balance);
        Assert.Equal(100m + 5.55m + 0.45m, after.StateOf(From).Balance + after.StateOf(To).Balance);
        Assert.Equal(3, after.StateOf(From).Version);
        Assert.Equal(2, after.StateOf(To).Version);
    }

    [Fact]
    public void Transfer_OfTheWholeBalance_LeavesTheSourceAtZero()
    {
        var after = Given(Accounts(fromBalance: 100m)).When(Transfer(100m)).ThenAccepted();

        Assert.Equal(0m, after.StateOf(From).Balance);
        Assert.Equal(105m, after.StateOf(To).Balance);
    }

    [Fact]
    public void Transfer_ToTheSameAccount_IsRejected()
    {
        Given(Accounts())
            .When(Transfer(10m, from: From, to: From))
            .ThenRejected(ErrorCodes.SameAccount);
    }

    [Fact]
    public void Transfer_BetweenCurrencies_IsRejected()
    {
        var error = Given(Accounts(fromCurrency: "EUR", toCurrency: "USD"))
            .When(Transfer(10m))
            .ThenRejected(ErrorCodes.CurrencyMismatch);

        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_WhenBalanceInsufficient_IsRejected()
    {
        var error = Given(Accounts(fromBalance: 70.50m))
            .When(Transfer(100m))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.Equal("Insufficient funds: 100.00 EUR requested, but the balance of 'acc-1' is 70.50 EUR.", error.Message);
    }

    [Fact]
    public void Transfer_ThatWouldLiftTheDestinationAboveTheMaximum_IsRejected()
    {
        Given(Accounts(fromBalance: 100m, toBalance: Amounts.MaxBalance - 50m))
            .When(Transfer(50.01m))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);
    }
}
