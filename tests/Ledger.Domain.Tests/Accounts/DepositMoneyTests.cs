using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using static Ledger.Domain.Tests.Accounts.History;
using static Ledger.Domain.Tests.Accounts.Spec;

namespace Ledger.Domain.Tests.Accounts;

public sealed class DepositMoneyTests
{
    private static DepositMoney Deposit(decimal amount, string reference = "ref-1", string? description = "Salary", string accountId = Id) =>
        new(accountId, amount, reference, description);

    [Fact]
    public void Deposit_IntoOpenAccount_EmitsMoneyDeposited()
    {
        Given(Opened(initialDeposit: 10m))
            .When((state, now) => DepositMoney.Decide(state, Deposit(25.50m), now))
            .Then(new MoneyDeposited(Id, 25.50m, "ref-1", "Salary", Now));
    }

    [Fact]
    public void Deposit_IntoOpenAccount_AddsToTheBalanceAndBumpsTheVersion()
    {
        var account = Given(Opened(initialDeposit: 10m), Deposited(5m))
            .When((state, now) => DepositMoney.Decide(state, Deposit(25.50m), now))
            .ThenAccepted()
            .State;

        Assert.Equal(40.50m, account.Balance);
        Assert.Equal(3, account.Version);
        Assert.Equal(Now, account.LastUpdatedAt);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0.01")]
    [InlineData("-100")]
    public void Deposit_WhenAmountIsNotPositive_IsRejected(string amount)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Fact]
    public void Deposit_OfExactlyTheLimit_IsAccepted()
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(1_000_000m), now))
            .Then(new MoneyDeposited(Id, 1_000_000m, "ref-1", "Salary", Now));
    }

    [Theory]
    [InlineData("1000000.01")]
    [InlineData("1000001")]
    [InlineData("999999999999")]
    [InlineData("5000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Deposit_AboveTheLimit_IsRejected(string amount)
    {
        var error = Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);

        Assert.Contains("1000000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EUR", "0.001")]
    [InlineData("EUR", "10.005")]
    [InlineData("JPY", "0.5")]
    [InlineData("JPY", "100.1")]
    [InlineData("KWD", "0.0001")]
    [InlineData("BHD", "12.3456")]
    public void Deposit_WithMoreDecimalsThanTheCurrencyAllows_IsRejected(string currency, string amount)
    {
        Given(Opened(currency: currency))
            .When((state, now) => DepositMoney.Decide(state, Deposit(Dec.Parse(amount)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "amount");
    }

    [Theory]
    [InlineData("EUR", "0.01")]
    [InlineData("EUR", "0.10")]
    [InlineData("JPY", "1")]
    [InlineData("JPY", "500.000")]
    [InlineData("KWD", "0.001")]
    [InlineData("BHD", "12.345")]
    public void Deposit_WithDecimalsTheCurrencyAllows_IsAccepted(string currency, string amount)
    {
        var value = Dec.Parse(amount);

        Given(Opened(currency: currency))
            .When((state, now) => DepositMoney.Decide(state, Deposit(value), now))
            .Then(new MoneyDeposited(Id, value, "ref-1", "Salary", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Deposit_WithoutReference_IsRejected(string? reference)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, reference: reference!), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "transactionReference");
    }

    [Fact]
    public void Deposit_WithReferenceAtMaximumLength_IsAccepted()
    {
        var reference = new string('r', Input.ReferenceMaxLength);

        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, reference: reference), now))
            .Then(new MoneyDeposited(Id, 10m, reference, "Salary", Now));
    }

    [Fact]
    public void Deposit_WithReferenceOverMaximumLength_IsRejected()
    {
        var error = Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, reference: new string('r', 101)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "transactionReference");

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposit_WithDescriptionAtMaximumLength_IsAccepted()
    {
        var description = new string('d', Input.DescriptionMaxLength);

        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, description: description), now))
            .Then(new MoneyDeposited(Id, 10m, "ref-1", description, Now));
    }

    [Fact]
    public void Deposit_WithDescriptionOverMaximumLength_IsRejected()
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, description: new string('d', 501)), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Deposit_WithoutDescription_IsDescribedAsDeposit(string? description)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, description: description), now))
            .Then(new MoneyDeposited(Id, 10m, "ref-1", "Deposit", Now));
    }

    [Theory]
    [InlineData("ref\0")]
    [InlineData("ref\n")]
    [InlineData("re\tf")]
    [InlineData("ref\u001b[2J")]
    [InlineData("ref\u007f")]
    [InlineData("ref\u0085")]
    public void Deposit_WithControlCharacterInReference_IsRejected(string reference)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, reference: reference), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "transactionReference");
    }

    [Theory]
    [InlineData("pay\0day")]
    [InlineData("bell\u0007")]
    [InlineData("\u001b[31mred")]
    [InlineData("del\u007f")]
    public void Deposit_WithControlCharacterInDescription_IsRejected(string description)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, description: description), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "description");
    }

    [Theory]
    [InlineData("first line\nsecond line")]
    [InlineData("first line\r\nsecond line")]
    [InlineData("column\tcolumn")]
    public void Deposit_WithLineBreaksOrTabsInDescription_IsAccepted(string description)
    {
        Given(Opened())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, description: description), now))
            .Then(new MoneyDeposited(Id, 10m, "ref-1", description, Now));
    }

    [Fact]
    public void Deposit_IntoUnknownAccount_IsRejected()
    {
        var error = Given()
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m), now))
            .ThenRejected(ErrorCodes.AccountNotFound);

        Assert.Contains(Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deposit_IntoClosedAccount_IsRejected()
    {
        Given(Opened(), Closed())
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m), now))
            .ThenRejected(ErrorCodes.AccountClosed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-acc")]
    [InlineData("acc 1")]
    public void Deposit_WithMalformedAccountId_IsRejected(string accountId)
    {
        Given()
            .When((state, now) => DepositMoney.Decide(state, Deposit(10m, accountId: accountId), now))
            .ThenRejected(ErrorCodes.ValidationFailed, "accountId");
    }

    [Fact]
    public void Deposit_ThatWouldLiftTheBalanceAboveTheMaximum_IsRejected()
    {
        Given(Opened(initialDeposit: Amounts.MaxBalance - 0.50m))
            .When((state, now) => DepositMoney.Decide(state, Deposit(1m), now))
            .ThenRejected(ErrorCodes.DepositLimitExceeded);
    }

    [Fact]
    public void Deposit_ThatLiftsTheBalanceExactlyToTheMaximum_IsAccepted()
    {
        var account = Given(Opened(initialDeposit: Amounts.MaxBalance - 0.50m))
            .When((state, now) => DepositMoney.Decide(state, Deposit(0.50m), now))
            .ThenAccepted()
            .State;

        Assert.Equal(Amounts.MaxBalance, account.Balance);
    }
}
