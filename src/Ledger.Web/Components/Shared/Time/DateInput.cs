using MudBlazor;

namespace Ledger.Web.Components.Shared.Time;

/// <summary>
/// How every date input shows and reads a date: shown in the culture's short form (11/30/2026, 30.11.2026; ISO
/// 8601 without a culture), read the way people type it in that form, leading zeros and century optional
/// (1.2.26), and as ISO 8601 (2026-11-30) in any culture. A date it cannot read is said so, with an example,
/// rather than silently dropped. Create one per component, so the culture is captured once: a format that
/// changed between renders would make the field drop what is being typed.
/// </summary>
public sealed class DateInput : IReversibleConverter<DateTime?, string?>
{
    private readonly CultureInfo culture;
    private readonly string[] accepted;

    public DateInput(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        this.culture = culture;
        Format = culture.Name.Length == 0 ? "yyyy-MM-dd" : culture.DateTimeFormat.ShortDatePattern;
        var lenient = Format.Replace("dd", "d", StringComparison.Ordinal).Replace("MM", "M", StringComparison.Ordinal);
        accepted = [Format, lenient, lenient.Replace("yyyy", "yy", StringComparison.Ordinal), "yyyy-M-d"];
    }

    /// <summary>The person's culture's date input, as this request's culture says.</summary>
    public static DateInput ForCurrentCulture() => new(CultureInfo.CurrentCulture);

    /// <summary>The pattern dates are shown in (and the first one read).</summary>
    public string Format { get; }

    public string? Convert(DateTime? value) => value?.ToString(Format, culture);

    public DateTime? ConvertBack(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTime.TryParseExact(value.Trim(), accepted, culture, DateTimeStyles.None, out var day)
            ? day.Date
            : throw new FormatException($"'{value.Trim()}' is not a date: write it as {new DateTime(2026, 11, 30).ToString(Format, culture)}.");
    }
}
