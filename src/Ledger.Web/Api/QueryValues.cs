using System.Text.RegularExpressions;

namespace Ledger.Web.Api;

/// <summary>
/// Query-string values are bound as text and parsed here, so a bad one is a 400 naming the parameter
/// (model binding would answer with an empty 400 before the API's error handling sees it).
/// </summary>
internal static partial class QueryValues
{
    /// <summary>Fraction-of-a-second digits a .NET tick (100 ns) holds.</summary>
    private const int TickDigits = 7;

    public static int Int(string? raw, string name, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw DomainException.Invalid(name, $"'{name}' must be a whole number from {min} to {max}.");
        }

        return value;
    }

    public static long? Long(string? raw, string name, long min)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw DomainException.Invalid(name, $"'{name}' must be a whole number of at least {min}.");
        }

        return value;
    }

    /// <summary>
    /// An ISO 8601 instant with Z or an offset. Without one the instant is ambiguous, so it is refused, not guessed.
    /// The seconds may have any number of fraction digits (Go's RFC 3339 writes nine).
    /// </summary>
    public static DateTimeOffset? Timestamp(string? raw, string name)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var match = IsoInstant().Match(raw);
        if (!match.Success
            || !DateTimeOffset.TryParse(ToWholeTicks(raw, match.Groups["fraction"]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            var hint = raw.Contains(' ', StringComparison.Ordinal)
                ? " A '+' in a URL means a space: write the offset's plus sign as %2B."
                : "";
            throw DomainException.Invalid(name,
                $"'{name}' must be an ISO 8601 time with Z or an offset, such as 2026-03-01T12:00:00Z or 2026-03-01T13:00:00%2B01:00.{hint}");
        }

        return value.ToUniversalTime();
    }

    public static TEnum? Enum<TEnum>(string? raw, string name, IReadOnlyDictionary<string, TEnum> allowed)
        where TEnum : struct
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return allowed.TryGetValue(raw.Trim(), out var value)
            ? value
            : throw DomainException.Invalid(name, $"'{name}' must be one of: {string.Join(", ", allowed.Keys)}.");
    }

    /// <summary>
    /// Cuts the fraction to the 7 digits a .NET tick (100 ns) holds. Cut, never rounded: every time here asks
    /// "as of" that instant, and rounding .99999999 up would name a later one, counting an event (or one recorded)
    /// just after the moment asked about; the tick at or before the instant is the answer a clock would give.
    /// </summary>
    private static string ToWholeTicks(string raw, Group fraction) =>
        fraction.Length <= TickDigits ? raw : string.Concat(raw.AsSpan(0, fraction.Index + TickDigits), raw.AsSpan(fraction.Index + fraction.Length));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.(?<fraction>[0-9]+))?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IsoInstant();
}
