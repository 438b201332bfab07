namespace Ledger.Web.Api;

/// <summary>Whether a JSON number's text and the decimal it was read as are the same number, digit for digit.</summary>
internal static class ExactNumber
{
    public static bool Same(string jsonNumber, decimal value) =>
        TryNormalize(jsonNumber, out var a) && TryNormalize(value.ToString(CultureInfo.InvariantCulture), out var b) && a.Equals(b);

    /// <summary>
    /// Splits "-12.3400e2" into a sign, significant digits and a power of ten: (-, "1234", 0). Zero is ("", 0) whatever
    /// its sign. One pass over the text: a body may hold 64 KiB of digits, and stripping zeros by repeated big-integer
    /// division would cost time quadratic in that.
    /// </summary>
    internal static bool TryNormalize(string text, out Normalized number)
    {
        number = default;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        long exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            span = span[..e];
        }

        var point = span.IndexOf('.');
        var integer = point >= 0 ? span[..point] : span;
        var fraction = point >= 0 ? span[(point + 1)..] : [];
        if (integer.Length + fraction.Length == 0 || !AllDigits(integer) || !AllDigits(fraction))
        {
            return false;
        }

        var digits = string.Concat(integer, fraction).AsSpan();
        var leading = digits.IndexOfAnyExcept('0');
        if (leading < 0)
        {
            number = new Normalized(false, "", 0);
            return true;
        }

        var significant = digits[leading..];
        var trailing = significant.Length - 1 - significant.LastIndexOfAnyExcept('0');
        try
        {
            exponent = checked(exponent - fraction.Length + trailing);
        }
        catch (OverflowException)
        {
            return false;
        }

        number = new Normalized(negative, significant[..^trailing].ToString(), exponent);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    internal readonly record struct Normalized(bool Negative, string Digits, long Exponent);
}
