using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

public sealed class TransferMoneyTests
{
    private const string From = "alice";
    private const string To = "bob";

    private static TransferMoney Transfer(decimal amount, string from = From, string to = To, string? description = "Rent", string transferId = "t-1") =>
        new(transferId, from, to, amount, description);

    private static IAccountEvent[] Accounts(decimal fromBalance = 100m, decimal toBalance = 5m, string fromCurrency = "EUR", string toCurrency = "EUR") =>
        [Opened(From, fromBalance, fromCurrency), Opened(To, toBalance, toCurrency, minute: 1)];

    [Fact]
    public void Transfer_BetweenOpenAccounts_EmitsBothLegs()
    {
        Given(Accounts())
            .When(() => Transfer(30m))
            .Then(
                new TransferInitiated(From, "t-1", To, 30m, "Rent", Now),
                new TransferReceived(To, "t-1", From, 30m, "Rent", Now));
    }

    [Fact]
    public void Transfer_BothLegs_CarryTheSameTransferIdAmountDescriptionAndTime()
    {
        var events = Given(Accounts()).At(Now.AddHours(3))
            .When(() => Transfer(12.34m, transferId: "rent-2025-03"))
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

        var after = Given(history).When(() => Transfer(60.45m)).ThenAccepted();

        Assert.Equal(40m, after.StateOf(From).Balance);
        Assert.Equal(66m, after.StateOf(To).Balance);
        Assert.Equal(100m + 5.55m + 0.45m, after.StateOf(From).Balance + after.StateOf(To).Balance);
        Assert.Equal(3, after.StateOf(From).Version);
        Assert.Equal(2, after.StateOf(To).Version);
    }

    [Fact]
    public void Transfer_OfTheWholeBalance_LeavesTheSourceAtZero()
    {
        var after = Given(Accounts(fromBalance: 100m)).When(() => Transfer(100m)).ThenAccepted();

        Assert.Equal(0m, after.StateOf(From).Balance);
        Assert.Equal(105m, after.StateOf(To).Balance);
    }

    [Fact]
    public void Transfer_ToTheSameAccount_IsRejected()
    {
        Given(Accounts())
            .When(() => Transfer(10m, from: From, to: From))
            .ThenRejected(ErrorCodes.SameAccount);
    }

    [Fact]
    public void Transfer_FromUnknownAccount_IsRejected()
    {
        var error = Given(Opened(To))
            .When(() => Transfer(10m))
            .ThenRejected(ErrorCodes.AccountNotFound);

        Assert.Contains(From, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_ToUnknownAccount_IsRejected()
    {
        var error = Given(Opened(From, 100m))
            .When(() => Transfer(10m))
            .ThenRejected(ErrorCodes.AccountNotFound);

        Assert.Contains(To, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_FromClosedAccount_IsRejected()
    {
        Given(Opened(From), Closed(From), Opened(To, minute: 1))
            .When(() => Transfer(10m))
            .ThenRejected(ErrorCodes.AccountClosed);
    }

    [Fact]
    public void Transfer_ToClosedAccount_IsRejected()
    {
        Given(Opened(From, 100m), Opened(To, minute: 1), Closed(To))
            .When(() => Transfer(10m))
            .ThenRejected(ErrorCodes.AccountClosed);
    }

    [Fact]
    public void Transfer_BetweenCurrencies_IsRejected()
    {
        var error = Given(Accounts(fromCurrency: "EUR", toCurrency: "USD"))
            .When(() => Transfer(10m))
            .ThenRejected(ErrorCodes.CurrencyMismatch);

        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_WhenBalanceInsufficient_IsRejected()
    {
        var error = Given(Accounts(fromBalance: 70.50m))
            .When(() => Transfer(100m))
            .ThenRejected(ErrorCodes.InsufficientFunds);

        Assert.StartsWith("Insufficient funds: balance 70.50, requested 100.00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-10")]
    public void Transfer_WhenAmountIsNotPositive_IsRejected(string amount)
    {
        Given(Accounts())
            .When(() => Transfer(Dec.Parse(amount)))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Theory]
    [InlineData("EUR", "0.001")]
    [InlineData("JPY", "0.5")]
    [InlineData("KWD", "0.0001")]
    public void Transfer_WithMoreDecimalsThanTheCurrencyAllows_IsRejected(string currency, string amount)
    {
        Given(Accounts(fromCurrency: currency, toCurrency: currency))
            .When(() => Transfer(Dec.Parse(amount)))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Fact]
    public void Transfer_ThatWouldLiftTheDestinationAboveTheMaximum_IsRejected()
    {
        Given(Accounts(fromBalance: 100m, toBalance: Amounts.MaxBalance - 50m))
            .When(() => Transfer(50.01m))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Transfer_WithoutDescription_IsDescribedAsTransfer(string? description)
    {
        Given(Accounts())
            .When(() => Transfer(10m, description: description))
            .Then(
                new TransferInitiated(From, "t-1", To, 10m, "Transfer", Now),
                new TransferReceived(To, "t-1", From, 10m, "Transfer", Now));
    }

    [Fact]
    public void Transfer_WithDescriptionOverMaximumLength_IsRejected()
    {
        Given(Accounts())
            .When(() => Transfer(10m, description: new string('d', 501)))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Fact]
    public void Transfer_WithControlCharacterInDescription_IsRejected()
    {
        Given(Accounts())
            .When(() => Transfer(10m, description: "rent\u0000"))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Theory]
    [InlineData("", "transferId")]
    [InlineData("-t1", "transferId")]
    [InlineData("t 1", "transferId")]
    public void Transfer_WithMalformedTransferId_IsRejected(string transferId, string field)
    {
        Given(Accounts())
            .When(() => Transfer(10m, transferId: transferId))
            .ThenRejected(ErrorCodes.ValidationFailed, field);
    }

    [Theory]
    [InlineData("bad id", To, "fromAccountId")]
    [InlineData(From, "bad/id", "toAccountId")]
    public void Transfer_WithMalformedAccountId_IsRejected(string from, string to, string field)
    {
        Given(Accounts())
            .When(() => Transfer(10m, from: from, to: to))
            .ThenRejected(ErrorCodes.ValidationFailed, field);
    }
}
