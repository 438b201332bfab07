using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>Puts money into an account. Valid by construction: a malformed deposit never exists.</summary>
public sealed record DepositMoney : MoneyMovement
{
    public const string DefaultDescription = "Deposit";

    public DepositMoney(string accountId, decimal amount, string transactionReference, string? description)
        : base(accountId, amount, transactionReference, description)
    {
    }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, DepositMoney command, DateTimeOffset now)
    {
        var account = AccountRules.MustBeOpen(state, command.AccountId);

        // Before the amount checks, so any amount above the limit, however absurd, is deposit_limit_exceeded.
        if (command.Amount > Input.MaxDeposit)
        {
            throw new DomainException(ErrorCodes.DepositLimitExceeded,
                $"A single deposit is limited to {Amounts.Describe(Input.MaxDeposit, account.Currency)}; got {Amounts.Describe(command.Amount, account.Currency)}.");
        }

        Input.PositiveAmount(command.Amount, account.Currency);
        AccountRules.MustStayUnderMaximum(account, command.Amount);
        return [new MoneyDeposited(account.AccountId, command.Amount, command.TransactionReference, command.DescriptionOr(DefaultDescription), AccountRules.EventTime(now, account))];
    }
}
