namespace Ledger.Domain.Accounts;

public enum AccountStatus
{
    Active,
    Closed,
}
