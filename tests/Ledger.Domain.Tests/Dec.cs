using System.Globalization;

namespace Ledger.Domain.Tests;

/// <summary>Attributes cannot hold decimals, so theories pass amounts as invariant strings that keep their exact scale.</summary>
internal static class Dec
{
    public static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
