namespace Ledger.Domain;

/// <summary>Stable machine-readable codes for every business-rule refusal (see shared/API.md).</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string AccountNotFound = "account_not_found";
    public const string AccountExists = "account_exists";
    public const string InsufficientFunds = "insufficient_funds";
    public const string AccountClosed = "account_closed";
    public const string BalanceNotZero = "balance_not_zero";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string DepositLimitExceeded = "deposit_limit_exceeded";
    public const string SameAccount = "same_account";
}
