namespace Ledger.Domain.Accounts;

/// <summary>Puts money into an account. Valid by construction: a malformed deposit never exists.</summary>
public sealed record DepositMoney
{
    public const string DefaultDescription = "Deposit";

    public DepositMoney(string accountId, decimal amount, string transactionReference, string? description)
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

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, DepositMoney command, DateTimeOffset now)
    {
        var account = AccountRules.MustBeOpen(state, command.AccountId);

        // Before the amount checks, so any amount above the limit, however absurd, is deposit_limit_exceeded.
        if (command.Amount > Input.MaxDeposit)
        {
            throw new DomainException(ErrorCodes.DepositLimitExceeded,
                $"A single deposit is limited to {Input.Show(Input.MaxDeposit)}; got {Input.Show(command.Amount)}.");
        }

        Input.PositiveAmount(command.Amount, account.Currency);
        AccountRules.MustStayUnderMaximum(account, command.Amount);
        var description = string.IsNullOrWhiteSpace(command.Description) ? DefaultDescription : command.Description;
        return [new MoneyDeposited(account.AccountId, command.Amount, command.TransactionReference, description, AccountRules.EventTime(now, account))];
    }
}
