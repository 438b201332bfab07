namespace Ledger.Domain.Tests.Money;

/// <summary>
/// Amounts judged against their currency's minor unit, as (currency, invariant amount text): one list shared by
/// the rule itself (<see cref="AmountsTests"/>) and by every command that takes an amount (<see cref="InputTests"/>),
/// so the commands are held to exactly the cases the rule is.
/// </summary>
public static class CurrencyAmounts
{
    /// <summary>More decimals than the currency has: refused everywhere, never rounded.</summary>
    public static TheoryData<string, string> TooPrecise => new()
    {
        { "EUR", "0.001" },
        { "EUR", "0.005" },
        { "EUR", "0.999" },
        { "EUR", "1.001" },
        { "EUR", "1.555" },
        { "EUR", "10.001" },
        { "EUR", "10.005" },
        { "EUR", "12.345" },
        { "EUR", "0.0000000000000000000000000001" },
        { "USD", "0.005" },
        { "JPY", "0.1" },
        { "JPY", "0.5" },
        { "JPY", "1.1" },
        { "JPY", "1.5" },
        { "JPY", "100.1" },
        { "JPY", "100.5" },
        { "KWD", "0.0001" },
        { "KWD", "1.0001" },
        { "KWD", "1.5555" },
        { "BHD", "1.0001" },
        { "BHD", "1.2345" },
        { "BHD", "12.3456" },
    };

    /// <summary>Within the currency's decimals; zeros after them do not count as digits.</summary>
    public static TheoryData<string, string> WithinItsDigits => new()
    {
        { "EUR", "0.01" },
        { "EUR", "0.10" },
        { "EUR", "1.5" },
        { "EUR", "1.55" },
        { "EUR", "10.01" },
        { "EUR", "10.100" },
        { "JPY", "1" },
        { "JPY", "1.0" },
        { "JPY", "100" },
        { "JPY", "100.00" },
        { "JPY", "500.000" },
        { "KWD", "0.001" },
        { "KWD", "1.001" },
        { "KWD", "1.555" },
        { "BHD", "1.001" },
        { "BHD", "1.0010" },
        { "BHD", "12.345" },
    };
}
