namespace Ledger.Domain.Accounts;

/// <summary>Takes money out of an account. Valid by construction: a malformed withdrawal never exists.</summary>
public sealed record WithdrawMoney
{
    public const string DefaultDescription = "Withdrawal";

    public WithdrawMoney(string accountId, decimal amount, string transactionReference, string? description)
    {
        Input.AccountId(accountId, "accountId");
        Input.MustBePositive(amount);
        Input.Required(transactionReference, "transactionReference", Input.ReferenceMaxLength, "The transaction reference");
        Input.Optional(description, "description", Input.DescriptionMaxLength, "The description", multiline: true);
        (AccountId, Amount, TransactionReference, Description) = (accountId, amount, transactionReference, description);
    }

    public string AccountId { get; }

    public decimal Amount { get; }

    public string TransactionReference { get; }

    public string? Description { get; }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, WithdrawMoney command, DateTimeOffset now)
    {
        var account = AccountRules.MustBeOpen(state, command.AccountId);
        Input.PositiveAmount(command.Amount, account.Currency);
        AccountRules.MustCover(account, command.Amount);
        var description = string.IsNullOrWhiteSpace(command.Description) ? DefaultDescription : command.Description;
        return [new MoneyWithdrawn(account.AccountId, command.Amount, command.TransactionReference, description, AccountRules.EventTime(now, account))];
    }
}
