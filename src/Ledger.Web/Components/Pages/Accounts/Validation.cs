using Ledger.Domain.Money;

namespace Ledger.Web.Components.Pages.Accounts;

/// <summary>
/// Inline checks for the dialogs. They mirror the domain's own input rules so people hear about a typo
/// before sending; the domain still decides, and its refusal is shown as it words it.
/// </summary>
internal static class Validation
{
    public static string? MaxLength(string? value, int max, string what) =>
        value is not null && value.Length > max ? $"{what} is {value.Length} characters long; the limit is {max}." : null;

    public static string? OptionalAccountId(string? value) =>
        string.IsNullOrEmpty(value) || Input.IsAccountId(value)
            ? null
            : "1 to 64 letters, digits, '-' or '_', starting with a letter or digit.";

    public static string? AccountId(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "An account id is required." : OptionalAccountId(value);

    public static string? Amount(decimal? amount, string currency, bool allowZero = false, decimal? max = null)
    {
        if (amount is null)
        {
            return "An amount is required.";
        }

        if (amount < 0 || (!allowZero && amount == 0))
        {
            return allowZero ? "The amount cannot be negative." : "The amount must be greater than zero.";
        }

        if (Currency.IsKnown(currency) && !Amounts.FitsCurrency(amount.Value, currency))
        {
            var digits = Currency.DecimalPlaces(currency);
            return digits == 0 ? $"{currency} has no minor unit; give a whole number." : $"{currency} allows {digits} decimal places.";
        }

        if (max is { } limit && amount > limit)
        {
            return Currency.IsKnown(currency) ? $"At most {Amounts.Describe(limit, currency)} at once." : $"At most {Input.Show(limit)} at once.";
        }

        return null;
    }
}
