using System.Globalization;

namespace Ledger.Domain.Money;

/// <summary>
/// Exact money arithmetic. Amounts are <see cref="decimal"/> in the domain and <see cref="long"/> minor
/// units wherever SQL must sum, sort or compare. Nothing is ever rounded: too many digits is an error.
/// </summary>
public static class Amounts
{
    /// <summary>The largest amount any single balance may reach; keeps minor units far inside <see cref="long"/>.</summary>
    public const decimal MaxBalance = 1_000_000_000_000m;

    public static int FractionDigits(decimal amount) => Canonical(amount).Scale;

    /// <summary>
    /// The amount without trailing zeros (10.500 → 10.5, 1.0 → 1). A decimal keeps the scale it was written with, and
    /// sums keep the larger: without this, one deposit of "10.000" would show in every later balance a command returns.
    /// </summary>
    public static decimal Canonical(decimal amount) =>
        amount.Scale == 0 ? amount : amount / 1.000000000000000000000000000000000m;

    public static bool FitsCurrency(decimal amount, string currency) =>
        FractionDigits(amount) <= Currency.DecimalPlaces(currency);

    public static long ToMinorUnits(decimal amount, string currency)
    {
        var scaled = amount * Pow10(Currency.DecimalPlaces(currency));
        if (scaled != decimal.Truncate(scaled))
        {
            throw DomainException.Invalid("amount", $"{amount.ToString(CultureInfo.InvariantCulture)} has more decimal places than {currency} allows.");
        }

        // A decimal too large for a long throws OverflowException in any context; MaxBalance keeps it far from that.
        return (long)scaled;
    }

    public static decimal FromMinorUnits(long minorUnits, string currency) =>
        minorUnits / Pow10(Currency.DecimalPlaces(currency));

    /// <summary>
    /// An amount as a person reads it in a sentence: grouped, with the currency's digits and its code
    /// ("8,600.00 EUR"). Never rounds: an amount with more digits than the currency has shows them all,
    /// so a refusal quotes exactly what was asked for.
    /// </summary>
    public static string Describe(decimal amount, string currency)
    {
        var digits = Math.Max(Currency.DecimalPlaces(currency), amount.Scale);
        return amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
    }

    private static decimal Pow10(int digits) => digits switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        _ => throw new ArgumentOutOfRangeException(nameof(digits)),
    };
}
