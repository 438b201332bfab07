namespace Ledger.Domain.Accounts;

public sealed record WithdrawMoney(string AccountId, decimal Amount, string TransactionReference, string? Description)
{
    public const string DefaultDescription = "Withdrawal";

    public void Validate()
    {
        Input.AccountId(AccountId, "accountId");
        if (Amount <= 0)
        {
            throw DomainException.Invalid("amount", $"The amount must be greater than zero; got {Input.Show(Amount)}.");
        }

        Input.Required(TransactionReference, "transactionReference", Input.ReferenceMaxLength, "The transaction reference");
        Input.Optional(Description, "description", Input.DescriptionMaxLength, "The description", multiline: true);
    }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, WithdrawMoney command, DateTimeOffset now)
    {
        command.Validate();
        var account = AccountRules.MustBeOpen(state, command.AccountId);
        Input.PositiveAmount(command.Amount, account.Currency);
        AccountRules.MustCover(account, command.Amount);
        var description = string.IsNullOrWhiteSpace(command.Description) ? DefaultDescription : command.Description;
        return [new MoneyWithdrawn(account.AccountId, command.Amount, command.TransactionReference, description, AccountRules.EventTime(now, account))];
    }
}
