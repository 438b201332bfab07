using System.Text.RegularExpressions;

namespace Ledger.Web.Components.Pages.Accounts;

/// <summary>
/// An amount as a person writes it in their language: digits, the culture's decimal separator before the
/// decimals, and group separators only between groups of three ("1,234.56" or "1234.56" in English,
/// "1.234,56" in German). Anything else is no amount. A lenient number parse read "1e5" as 100,000, "1,5"
/// (a European's 1.5) as 15 and "1,2,3.4" as 123.40, and the dialog sent them: money moved that nobody meant.
/// </summary>
internal static class AmountText
{
    /// <summary>The amount <paramref name="text"/> says, or false if it is not written as an amount in <paramref name="culture"/>.</summary>
    public static bool TryParse(string? text, CultureInfo culture, out decimal amount)
    {
        amount = 0m;
        var format = culture.NumberFormat;
        var trimmed = text?.Trim() ?? "";
        if (!ShapeFor(format).IsMatch(trimmed))
        {
            return false;
        }

        // The shape was checked above: what is neither a digit, a sign nor the decimal separator is a group separator.
        var digits = new System.Text.StringBuilder(trimmed.Length);
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (string.CompareOrdinal(trimmed, i, format.NumberDecimalSeparator, 0, format.NumberDecimalSeparator.Length) == 0)
            {
                digits.Append('.');
                i += format.NumberDecimalSeparator.Length - 1;
            }
            else if (char.IsAsciiDigit(trimmed[i]) || trimmed[i] is '+' or '-')
            {
                digits.Append(trimmed[i]);
            }
        }

        return decimal.TryParse(digits.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Why <paramref name="text"/> is no amount, with an example in the reader's own notation; null if it is one (or empty).</summary>
    public static string? Problem(string? text, CultureInfo culture) =>
        string.IsNullOrWhiteSpace(text) || TryParse(text, culture, out _)
            ? null
            : $"Not an amount: write it like {1234.56m.ToString("#,##0.00", culture)} or {1234.56m.ToString("0.00", culture)}.";

    private static Regex ShapeFor(NumberFormatInfo format)
    {
        // A culture whose group separator is a space of some kind (French: U+202F) is typed with a plain space.
        var group = format.NumberGroupSeparator switch
        {
            "" => "(?!)",
            var separator when separator.All(c => char.IsWhiteSpace(c) || c == '\u202F') => "[ \u00A0\u202F]",
            var separator => Regex.Escape(separator),
        };
        var point = Regex.Escape(format.NumberDecimalSeparator);
        return new Regex($"^[+-]?(?:(?:[0-9]{{1,3}}(?:{group}[0-9]{{3}})+|[0-9]+)(?:{point}[0-9]+)?|{point}[0-9]+)$", RegexOptions.CultureInvariant);
    }
}
