namespace Ledger.Domain.Accounts;

public sealed record OpenAccount(
    string AccountId,
    string HolderId,
    string? HolderName,
    string Currency,
    decimal InitialDeposit)
{
    public void Validate()
    {
        Input.AccountId(AccountId, "accountId");
        Input.Required(HolderId, "holderId", Input.HolderIdMaxLength, "The holder id");
        Input.Optional(HolderName, "holderName", Input.HolderNameMaxLength, "The holder name");
        Input.CurrencyCode(Currency);
        if (InitialDeposit < 0)
        {
            throw DomainException.Invalid("initialDeposit", $"The initial deposit cannot be negative; got {Input.Show(InitialDeposit)}.");
        }

        Input.AmountDigits(InitialDeposit, Currency, "initialDeposit");
    }

    public static IReadOnlyList<IAccountEvent> Decide(Account? state, OpenAccount command, DateTimeOffset now)
    {
        command.Validate();
        if (state is not null)
        {
            throw new DomainException(ErrorCodes.AccountExists, $"Account '{command.AccountId}' already exists.");
        }

        if (command.InitialDeposit > Input.MaxDeposit)
        {
            throw new DomainException(ErrorCodes.DepositLimitExceeded,
                $"An initial deposit is limited to {Input.Show(Input.MaxDeposit)}; got {Input.Show(command.InitialDeposit)}.");
        }

        var holderId = command.HolderId.Trim();
        var holderName = string.IsNullOrWhiteSpace(command.HolderName) ? holderId : command.HolderName.Trim();
        return [new AccountOpened(command.AccountId, holderId, holderName, command.Currency, command.InitialDeposit, now.ToUniversalTime())];
    }
}
