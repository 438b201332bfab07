using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Domain.Money;

namespace Ledger.Domain;

/// <summary>Shape checks shared by every command: lengths, characters, ids and amounts.</summary>
public static partial class Input
{
    public const int IdMaxLength = 64;
    public const int HolderIdMaxLength = 100;
    public const int HolderNameMaxLength = 200;
    public const int ReferenceMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const int ReasonMaxLength = 500;
    public const int ActorMaxLength = 100;
    public const decimal MaxDeposit = 1_000_000m;

    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static void AccountId(string? value, string field) => Id(value, field, "An account id");

    /// <summary>A transfer id has an account id's shape; the message names what the caller sent.</summary>
    public static void TransferId(string? value, string field) => Id(value, field, "A transfer id");

    private static void Id(string? value, string field, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw DomainException.Invalid(field, $"{what} is required.");
        }

        if (!IsAccountId(value))
        {
            throw DomainException.Invalid(field,
                $"{what} is 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.");
        }
    }

    /// <summary>An amount must be greater than zero before its currency is even known.</summary>
    public static void MustBePositive(decimal amount, string field = "amount")
    {
        if (amount <= 0)
        {
            throw DomainException.Invalid(field, $"The amount must be greater than zero; got {Show(amount)}.");
        }
    }

    public static void Required(string? value, string field, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(field, $"{what} is required.");
        }

        Optional(value, field, maxLength, what);
    }

    public static void Optional(string? value, string field, int maxLength, string what, bool multiline = false)
    {
        if (value is null)
        {
            return;
        }

        // Characters as a person (and PostgreSQL's varchar) counts them: an emoji is one, not its two UTF-16 halves.
        var length = value.EnumerateRunes().Count();
        if (length > maxLength)
        {
            throw DomainException.Invalid(field, $"{what} is {length} characters long; the limit is {maxLength}.");
        }

        foreach (var c in value)
        {
            var allowedWhitespace = multiline && c is '\n' or '\r' or '\t';
            if (char.IsControl(c) && !allowedWhitespace)
            {
                throw DomainException.Invalid(field, $"{what} contains a control character.");
            }
        }
    }

    public static void CurrencyCode(string? value, string field = "currency")
    {
        if (string.IsNullOrEmpty(value))
        {
            throw DomainException.Invalid(field, "A currency is required.");
        }

        if (!Currency.IsKnown(value))
        {
            // A well-formed code may still be ISO's (a fund, a metal, CLF's four digits) without being one Ledger keeps.
            throw DomainException.Invalid(field, CurrencyCodeShape().IsMatch(value)
                ? Currency.NotKept(value)
                : $"'{Shorten(value)}' is not an ISO 4217 currency code (three capital letters, such as EUR).");
        }
    }

    /// <summary>Checks an amount is positive, not absurdly large, and has no more digits than the currency allows.</summary>
    public static void PositiveAmount(decimal amount, string currency, string field = "amount")
    {
        MustBePositive(amount, field);

        if (amount > Amounts.MaxBalance)
        {
            throw DomainException.Invalid(field, $"The amount {Show(amount)} is larger than any balance Ledger can hold.");
        }

        AmountDigits(amount, currency, field);
    }

    /// <summary>Checks only the digits, so that an over-large deposit still reaches the deposit limit and its own code.</summary>
    public static void AmountDigits(decimal amount, string currency, string field = "amount")
    {
        var allowed = Currency.DecimalPlaces(currency);
        if (!Amounts.FitsCurrency(amount, currency))
        {
            throw DomainException.Invalid(field, allowed == 0
                ? $"{currency} has no minor unit, so {Show(amount)} cannot be used; give a whole number."
                : $"{currency} allows {allowed} decimal places; {Show(amount)} has more.");
        }
    }

    public static string Show(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 10 ? value : value[..10] + "…";

    // \z, not $: in .NET "$" also matches before a final newline, which would let "acc\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[A-Z]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCodeShape();
}
