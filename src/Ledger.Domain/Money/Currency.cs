using System.Collections.Frozen;

namespace Ledger.Domain.Money;

/// <summary>ISO 4217 currencies in circulation, with the number of minor-unit digits each allows.</summary>
public static class Currency
{
    private static readonly FrozenDictionary<string, int> MinorDigits = BuildTable();

    public static IReadOnlyCollection<string> Codes { get; } = MinorDigits.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string? code) => code is not null && MinorDigits.ContainsKey(code);

    /// <summary>The codes whose amounts have exactly <paramref name="digits"/> decimal places (0 for JPY, 3 for KWD).</summary>
    public static IReadOnlyList<string> WithDecimalPlaces(int digits) =>
        [.. Codes.Where(code => MinorDigits[code] == digits)];

    /// <summary>Digits after the decimal point the currency allows (2 for most, 0 for JPY, 3 for KWD).</summary>
    public static int DecimalPlaces(string code) =>
        MinorDigits.TryGetValue(code, out var digits)
            ? digits
            : throw DomainException.Invalid("currency", NotKept(code));

    /// <summary>Why a three-letter code is refused: true for XYZ and for ISO's funds and metals alike.</summary>
    public static string NotKept(string code) =>
        $"'{code}' is not one of the currencies Ledger keeps accounts in: the ISO 4217 currencies in circulation, such as EUR.";

    private static FrozenDictionary<string, int> BuildTable()
    {
        const string twoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD " +
            "CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ " +
            "GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD " +
            "MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON " +
            "RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD " +
            "TWD TZS UAH UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";
        const string zeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string threeDigits = "BHD IQD JOD KWD LYD OMR TND";

        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in twoDigits.Split(' ')) table[code] = 2;
        foreach (var code in zeroDigits.Split(' ')) table[code] = 0;
        foreach (var code in threeDigits.Split(' ')) table[code] = 3;
        table["USD"] = 2;
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
