using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

public sealed record CloseAccount(string AccountId, string Reason, string? ClosedBy)
{
    public void Validate()
    {
        Input.AccountId(AccountId, "accountId");
        Input.Required(Reason, "reason", Input.ReasonMaxLength, "The reason");
        Input.Optional(ClosedBy, "closedBy", Input.ActorMaxLength, "Closed by");
    }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, CloseAccount command, string actor, DateTimeOffset now)
    {
        command.Validate();
        var account = AccountRules.MustBeOpen(state, command.AccountId);
        if (account.Balance != 0)
        {
            throw new DomainException(ErrorCodes.BalanceNotZero,
                $"Account '{account.AccountId}' still holds {Amounts.Format(account.Balance, account.Currency)} {account.Currency}; only an account with a balance of exactly 0 can be closed.");
        }

        var closedBy = string.IsNullOrWhiteSpace(command.ClosedBy) ? actor : command.ClosedBy;
        return [new AccountClosed(account.AccountId, command.Reason, closedBy, AccountRules.EventTime(now, account))];
    }
}
