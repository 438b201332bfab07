namespace Ledger.Domain.Accounts;

public sealed record DepositMoney(string AccountId, decimal Amount, string TransactionReference, string? Description)
{
    public const string DefaultDescription = "Deposit";

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

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, DepositMoney command, DateTimeOffset now)
    {
        command.Validate();
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
