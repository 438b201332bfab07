namespace Ledger.Domain.Accounts;

/// <summary>Takes money out of an account. Valid by construction: a malformed withdrawal never exists.</summary>
public sealed record WithdrawMoney : MoneyMovement
{
    public const string DefaultDescription = "Withdrawal";

    public WithdrawMoney(string accountId, decimal amount, string transactionReference, string? description)
        : base(accountId, amount, transactionReference, description)
    {
    }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, WithdrawMoney command, DateTimeOffset now)
    {
        var account = AccountRules.MustBeOpen(state, command.AccountId);
        Input.PositiveAmount(command.Amount, account.Currency);
        AccountRules.MustCover(account, command.Amount);
        return [new MoneyWithdrawn(account.AccountId, command.Amount, command.TransactionReference, command.DescriptionOr(DefaultDescription), AccountRules.EventTime(now, account))];
    }
}
