using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>Rules every decision on an existing account shares.</summary>
public static class AccountRules
{
    public static Account MustBeOpen(Account? state, string accountId)
    {
        if (state is null)
        {
            throw new DomainException(ErrorCodes.AccountNotFound, $"Account '{accountId}' does not exist.");
        }

        if (state.IsClosed)
        {
            throw new DomainException(ErrorCodes.AccountClosed, $"Account '{accountId}' is closed; no further changes are allowed.");
        }

        return state;
    }

    public static void MustCover(Account state, decimal amount)
    {
        if (amount > state.Balance)
        {
            throw new DomainException(ErrorCodes.InsufficientFunds,
                $"Insufficient funds: {Amounts.Describe(amount, state.Currency)} requested, but the balance of '{state.AccountId}' is {Amounts.Describe(state.Balance, state.Currency)}.");
        }
    }

    public static void MustStayUnderMaximum(Account state, decimal incoming)
    {
        if (state.Balance + incoming > Amounts.MaxBalance)
        {
            throw new DomainException(ErrorCodes.DepositLimitExceeded,
                $"This would take the balance of '{state.AccountId}' above the maximum of {Amounts.Describe(Amounts.MaxBalance, state.Currency)}.");
        }
    }

    /// <summary>
    /// Event time never goes backwards within a stream, even if the clock does, so "the last event at or
    /// before T" is always the highest version at or before T.
    /// </summary>
    public static DateTimeOffset EventTime(DateTimeOffset now, params Account?[] states)
    {
        var at = now.ToUniversalTime();
        foreach (var state in states)
        {
            if (state is not null && state.LastUpdatedAt > at)
            {
                at = state.LastUpdatedAt;
            }
        }

        return at;
    }
}
