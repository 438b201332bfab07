using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>Opens a new account. Valid by construction: a malformed request never exists.</summary>
public sealed record OpenAccount
{
    public OpenAccount(string accountId, string holderId, string? holderName, string currency, decimal initialDeposit)
    {
        Input.AccountId(accountId, "accountId");
        Input.Required(holderId, "holderId", Input.HolderIdMaxLength, "The holder id");
        Input.Optional(holderName, "holderName", Input.HolderNameMaxLength, "The holder name");
        Input.CurrencyCode(currency);
        if (initialDeposit < 0)
        {
            throw DomainException.Invalid("initialDeposit", $"The initial deposit cannot be negative; got {Input.Show(initialDeposit)}.");
        }

        Input.AmountDigits(initialDeposit, currency, "initialDeposit");
        (AccountId, HolderId, HolderName, Currency, InitialDeposit) = (accountId, holderId, holderName, currency, Amounts.Canonical(initialDeposit));
    }

    public string AccountId { get; }

    public string HolderId { get; }

    public string? HolderName { get; }

    public string Currency { get; }

    public decimal InitialDeposit { get; }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, OpenAccount command, DateTimeOffset now)
    {
        if (state is not null)
        {
            throw new DomainException(ErrorCodes.AccountExists, $"Account '{command.AccountId}' already exists.");
        }

        if (command.InitialDeposit > Input.MaxDeposit)
        {
            throw new DomainException(ErrorCodes.DepositLimitExceeded,
                $"An initial deposit is limited to {Amounts.Describe(Input.MaxDeposit, command.Currency)}; got {Amounts.Describe(command.InitialDeposit, command.Currency)}.");
        }

        var holderId = command.HolderId.Trim();
        var holderName = string.IsNullOrWhiteSpace(command.HolderName) ? holderId : command.HolderName.Trim();
        return [new AccountOpened(command.AccountId, holderId, holderName, command.Currency, command.InitialDeposit, now.ToUniversalTime())];
    }
}
