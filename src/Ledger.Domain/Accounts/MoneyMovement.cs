using Ledger.Domain.Money;

namespace Ledger.Domain.Accounts;

/// <summary>
/// What a deposit and a withdrawal both carry, checked once here: an account, a positive amount, the
/// caller's transaction reference and an optional description. Each kind decides its own event.
/// </summary>
public abstract record MoneyMovement
{
    protected MoneyMovement(string accountId, decimal amount, string transactionReference, string? description)
    {
        Input.AccountId(accountId, "accountId");
        Input.MustBePositive(amount);
        Input.Required(transactionReference, "transactionReference", Input.ReferenceMaxLength, "The transaction reference");
        Input.Optional(description, "description", Input.DescriptionMaxLength, "The description", multiline: true);
        (AccountId, Amount, TransactionReference, Description) = (accountId, Amounts.Canonical(amount), transactionReference, description);
    }

    public string AccountId { get; }

    public decimal Amount { get; }

    public string TransactionReference { get; }

    public string? Description { get; }

    /// <summary>The description the event records: the caller's, or the kind's default when none was given.</summary>
    protected string DescriptionOr(string defaultDescription) =>
        string.IsNullOrWhiteSpace(Description) ? defaultDescription : Description;
}
