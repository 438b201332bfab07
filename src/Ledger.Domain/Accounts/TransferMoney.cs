namespace Ledger.Domain.Accounts;

/// <summary>Moves money between two accounts of the same currency; both legs commit together or not at all.</summary>
public sealed record TransferMoney(string TransferId, string FromAccountId, string ToAccountId, decimal Amount, string? Description)
{
    public const string DefaultDescription = "Transfer";

    public void Validate()
    {
        Input.AccountId(TransferId, "transferId");
        Input.AccountId(FromAccountId, "fromAccountId");
        Input.AccountId(ToAccountId, "toAccountId");
        if (string.Equals(FromAccountId, ToAccountId, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.SameAccount, "A transfer needs two different accounts.");
        }

        if (Amount <= 0)
        {
            throw DomainException.Invalid("amount", $"The amount must be greater than zero; got {Input.Show(Amount)}.");
        }

        Input.Optional(Description, "description", Input.DescriptionMaxLength, "The description", multiline: true);
    }

    public static TransferLegs Decide(Account? from, Account? to, TransferMoney command, DateTimeOffset now)
    {
        command.Validate();
        var source = AccountRules.MustBeOpen(from, command.FromAccountId);
        var destination = AccountRules.MustBeOpen(to, command.ToAccountId);
        if (!string.Equals(source.Currency, destination.Currency, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.CurrencyMismatch,
                $"Account '{source.AccountId}' holds {source.Currency} and '{destination.AccountId}' holds {destination.Currency}; a transfer needs one currency.");
        }

        Input.PositiveAmount(command.Amount, source.Currency);
        AccountRules.MustCover(source, command.Amount);
        AccountRules.MustStayUnderMaximum(destination, command.Amount);

        var at = AccountRules.EventTime(now, source, destination);
        var description = string.IsNullOrWhiteSpace(command.Description) ? DefaultDescription : command.Description;
        return new TransferLegs(
            new TransferInitiated(source.AccountId, command.TransferId, destination.AccountId, command.Amount, description, at),
            new TransferReceived(destination.AccountId, command.TransferId, source.AccountId, command.Amount, description, at));
    }
}

public sealed record TransferLegs(TransferInitiated Initiated, TransferReceived Received);
