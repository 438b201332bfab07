using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>
/// Moves money between two accounts of the same currency; both legs commit together or not at all.
/// Valid by construction: a malformed transfer never exists.
/// </summary>
public sealed record TransferMoney
{
    public const string DefaultDescription = "Transfer";

    public TransferMoney(string transferId, string fromAccountId, string toAccountId, decimal amount, string? description)
    {
        Input.TransferId(transferId, "transferId");
        Input.AccountId(fromAccountId, "fromAccountId");
        Input.AccountId(toAccountId, "toAccountId");
        if (string.Equals(fromAccountId, toAccountId, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.SameAccount, "A transfer needs two different accounts.");
        }

        Input.MustBePositive(amount);
        Input.Optional(description, "description", Input.DescriptionMaxLength, "The description", multiline: true);
        (TransferId, FromAccountId, ToAccountId, Amount, Description) = (transferId, fromAccountId, toAccountId, Amounts.Canonical(amount), description);
    }

    public string TransferId { get; }

    public string FromAccountId { get; }

    public string ToAccountId { get; }

    public decimal Amount { get; }

    public string? Description { get; }

    public static TransferLegs Decide(Account? from, Account? to, TransferMoney command, DateTimeOffset now)
    {
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
