using System.Globalization;
using System.Numerics;

namespace Ledger.Web.Api;

/// <summary>Whether a JSON number's text and the decimal it was read as are the same number, digit for digit.</summary>
internal static class ExactNumber
{
    public static bool Same(string jsonNumber, decimal value) =>
        TryNormalize(jsonNumber, out var a) && TryNormalize(value.ToString(CultureInfo.InvariantCulture), out var b) && a == b;

    /// <summary>Splits "-12.3400e2" into digits and a power of ten, without trailing zeros: (-1234, 0).</summary>
    private static bool TryNormalize(string text, out (BigInteger Digits, long Exponent) number)
    {
        number = default;
        var e = text.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (e >= 0 && !long.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        var mantissa = e >= 0 ? text[..e] : text;
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }

        if (!BigInteger.TryParse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var digits))
        {
            return false;
        }

        if (digits.IsZero)
        {
            number = (BigInteger.Zero, 0);
            return true;
        }

        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }

        number = (digits, exponent);
        return true;
    }
}
