using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Ledger.Web.Api;

// Request bodies as they arrive: every field nullable, so a missing one is reported by name here
// instead of as a deserialization failure. Everything else (lengths, formats, amounts, currencies) is
// the command's own validation, the same the UI gets.

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class OpenAccountRequest
{
    [Description("Letters, digits, '-' and '_', up to 64 characters; generated when left out.")]
    public string? AccountId { get; init; }

    [Required]
    public string? HolderId { get; init; }

    [Description("Defaults to the holder id.")]
    public string? HolderName { get; init; }

    [Required]
    [Description("ISO 4217 code, such as EUR.")]
    public string? Currency { get; init; }

    [Required]
    [Description("Zero or more, with no more decimals than the currency allows.")]
    public decimal? InitialDeposit { get; init; }

    internal OpenAccountCommand ToCommand() => new(
        AccountId,
        Fields.Required(HolderId, "holderId"),
        HolderName,
        Fields.Required(Currency, "currency"),
        Fields.Required(InitialDeposit, "initialDeposit"));
}

/// <summary>What a deposit's and a withdrawal's bodies both hold; each kind makes its own command of it.</summary>
public abstract class MoneyMovementRequest
{
    [Required]
    public decimal? Amount { get; init; }

    [Required]
    public string? TransactionReference { get; init; }

    public string? Description { get; init; }

    private protected (decimal Amount, string Reference) RequiredFields() =>
        (Fields.Required(Amount, "amount"), Fields.Required(TransactionReference, "transactionReference"));
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class DepositRequest : MoneyMovementRequest
{
    internal DepositMoneyCommand ToCommand(string accountId)
    {
        var (amount, reference) = RequiredFields();
        return new(accountId, amount, reference, Description);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class WithdrawalRequest : MoneyMovementRequest
{
    internal WithdrawMoneyCommand ToCommand(string accountId)
    {
        var (amount, reference) = RequiredFields();
        return new(accountId, amount, reference, Description);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class CloseAccountRequest
{
    [Required]
    public string? Reason { get; init; }

    [Description("Defaults to the actor (X-Actor header, else \"api\").")]
    public string? ClosedBy { get; init; }

    internal CloseAccountCommand ToCommand(string accountId) => new(accountId, Fields.Required(Reason, "reason"), ClosedBy);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class TransferRequest
{
    [Description("Generated when left out.")]
    public string? TransferId { get; init; }

    [Required]
    public string? FromAccountId { get; init; }

    [Required]
    public string? ToAccountId { get; init; }

    [Required]
    public decimal? Amount { get; init; }

    public string? Description { get; init; }

    internal TransferMoneyCommand ToCommand() => new(
        TransferId,
        Fields.Required(FromAccountId, "fromAccountId"),
        Fields.Required(ToAccountId, "toAccountId"),
        Fields.Required(Amount, "amount"),
        Description);
}

internal static class Fields
{
    public static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw DomainException.Invalid(field, $"'{field}' is required.");

    public static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw DomainException.Invalid(field, $"'{field}' is required.");
}
