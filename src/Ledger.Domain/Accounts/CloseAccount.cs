using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>Closes an account whose balance is exactly zero. Valid by construction.</summary>
public sealed record CloseAccount
{
    public CloseAccount(string accountId, string reason, string? closedBy)
    {
        Input.AccountId(accountId, "accountId");
        Input.Required(reason, "reason", Input.ReasonMaxLength, "The reason");
        Input.Optional(closedBy, "closedBy", Input.ActorMaxLength, "Closed by");
        (AccountId, Reason, ClosedBy) = (accountId, reason, closedBy);
    }

    public string AccountId { get; }

    public string Reason { get; }

    public string? ClosedBy { get; }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, CloseAccount command, string actor, DateTimeOffset now)
    {
        var account = AccountRules.MustBeOpen(state, command.AccountId);
        if (account.Balance != 0)
        {
            throw new DomainException(ErrorCodes.BalanceNotZero,
                $"Account '{account.AccountId}' still holds {Amounts.Describe(account.Balance, account.Currency)}; only an account with a balance of exactly 0 can be closed.");
        }

        var closedBy = string.IsNullOrWhiteSpace(command.ClosedBy) ? actor : command.ClosedBy;
        return [new AccountClosed(account.AccountId, command.Reason, closedBy, AccountRules.EventTime(now, account))];
    }
}
