using Xunit.Sdk;

namespace Ledger.Domain.Tests.Accounts;

/// <summary>The Given/When/Then helper must itself fail when the decision does not do what the test says.</summary>
public sealed class SpecTests
{
    private static readonly MoneyDeposited Deposit = new(Id, 1m, "r", "d", Now);

    [Fact]
    public void ThenRejected_WhenTheDecisionAccepts_Fails()
    {
        var outcome = Given(Opened()).When((_, _) => [Deposit]);

        var failure = Assert.ThrowsAny<XunitException>(() => outcome.ThenRejected(ErrorCodes.AccountClosed));
        Assert.Contains("MoneyDeposited", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThenRejected_WithAnotherCode_Fails()
    {
        var outcome = Given(Opened()).When((_, _) => throw new DomainException(ErrorCodes.InsufficientFunds, "No."));

        var failure = Assert.ThrowsAny<XunitException>(() => outcome.ThenRejected(ErrorCodes.AccountClosed));
        Assert.Contains(ErrorCodes.InsufficientFunds, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThenRejected_WithAnotherField_Fails()
    {
        var outcome = Given(Opened()).When((_, _) => throw DomainException.Invalid("amount", "No."));

        Assert.ThrowsAny<XunitException>(() => outcome.ThenRejected(ErrorCodes.ValidationFailed, "description"));
    }

    [Fact]
    public void ThenRejected_WhenTheDecisionYieldsAnEventBeforeThrowing_Fails()
    {
        static IEnumerable<IAccountEvent> HalfWritten()
        {
            yield return Deposit;
            throw new DomainException(ErrorCodes.InsufficientFunds, "Too late.");
        }

        var outcome = Given(Opened()).When((_, _) => HalfWritten());

        var failure = Assert.ThrowsAny<XunitException>(() => outcome.ThenRejected(ErrorCodes.InsufficientFunds));
        Assert.Contains("no event", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThenRejected_WhenTheDecisionThrowsSomethingOtherThanADomainError_Fails()
    {
        var outcome = Given(Opened()).When((_, _) => throw new InvalidOperationException("bug"));

        Assert.ThrowsAny<XunitException>(() => outcome.ThenRejected(ErrorCodes.ValidationFailed));
    }

    [Fact]
    public void Then_WhenTheDecisionRejects_FailsWithTheCode()
    {
        var outcome = Given(Opened()).When((_, _) => throw new DomainException(ErrorCodes.AccountClosed, "Closed."));

        var failure = Assert.ThrowsAny<XunitException>(() => outcome.Then(Deposit));
        Assert.Contains(ErrorCodes.AccountClosed, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Then_WithOtherEvents_Fails()
    {
        var outcome = Given(Opened()).When((_, _) => [Deposit]);

        Assert.ThrowsAny<XunitException>(() => outcome.Then(Deposit with { Amount = 2m }));
        Assert.ThrowsAny<XunitException>(() => outcome.Then(Deposit, Deposit));
    }

    [Fact]
    public void When_PassesTheFoldedHistoryAndTheFixedNow()
    {
        Account? seen = null;
        var seenAt = DateTimeOffset.MinValue;

        Given(Opened(initialDeposit: 5m), Deposited(2m, minute: 7))
            .When((state, now) =>
            {
                seen = state;
                seenAt = now;
                return [Deposit];
            })
            .Then(Deposit);

        Assert.Equal(7m, seen!.Balance);
        Assert.Equal(2, seen.Version);
        Assert.Equal(At(7), seen.LastUpdatedAt);
        Assert.Equal(Now, seenAt);
    }
}
