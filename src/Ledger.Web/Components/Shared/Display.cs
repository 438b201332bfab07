using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using MudBlazor;

namespace Ledger.Web.Components.Shared;

/// <summary>
/// How the UI writes amounts, times and event types, in one place so every screen agrees. Numbers and dates
/// follow the person's culture (the browser's language, set per request by <see cref="UiCulture"/>: 1,234.50
/// in English, 1.234,56 in German); without one (the invariant culture) dates are ISO 8601, unambiguous
/// everywhere. The HTTP API and exports never come through here: they stay culture-invariant.
/// </summary>
public static class Display
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool Invariant => Culture.Name.Length == 0;

    /// <summary>Exactly the currency's digits, with the culture's separators (1,234.50; 1.234,56; 5,000 JPY).</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("N" + Currency.DecimalPlaces(currency).ToString(CultureInfo.InvariantCulture), Culture);

    public static string MoneyWithCode(decimal amount, string currency) => $"{Money(amount, currency)} {currency}";

    public static string Signed(decimal amount, string currency) =>
        amount > 0 ? "+" + Money(amount, currency) : Money(amount, currency);

    /// <summary>The style of a difference: gains, losses and no change look different at a glance.</summary>
    public static string DifferenceClass(decimal difference) =>
        difference > 0 ? "ledger-positive" : difference < 0 ? "ledger-negative" : "ledger-muted";

    /// <summary>
    /// A moment in <paramref name="zone"/>, the viewer's (<see cref="Ledger.Web.Components.Shared.Time.ViewerTimeZone"/>): never the server's own,
    /// so no screen depends on where Ledger runs.
    /// </summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) => In(at, zone).ToString(Invariant ? "yyyy-MM-dd HH:mm:ss" : "G", Culture);

    public static string ShortTime(DateTimeOffset at, TimeZoneInfo zone) => In(at, zone).ToString(Invariant ? "yyyy-MM-dd HH:mm" : "g", Culture);

    /// <summary>The time of day alone (1:48 PM, 13:48): with <see cref="Day"/>, the two halves of <see cref="ShortTime"/>.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone) => In(at, zone).ToString(Invariant ? "HH:mm" : "t", Culture);

    public static string Day(DateTimeOffset at, TimeZoneInfo zone) => In(at, zone).ToString(DateInputFormat, Culture);

    /// <summary>A day and month for chart axes (Nov 30, 30. Nov.).</summary>
    public static string DayAndMonth(DateTimeOffset at, TimeZoneInfo zone) =>
        In(at, zone).ToString(Invariant ? "MMM d" : Culture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal), Culture);

    /// <summary>
    /// How every date input shows and reads a date: the culture's short date (11/30/2026, 30.11.2026), ISO 8601
    /// without one. Inputs and displays use the same pattern, so what a person sees is what they can type.
    /// </summary>
    public static string DateInputFormat => Invariant ? "yyyy-MM-dd" : Culture.DateTimeFormat.ShortDatePattern;

    private static DateTimeOffset In(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    public static string Count(long n) => n.ToString("N0", Culture);

    /// <summary>
    /// A count and its noun, singular for exactly one: "1 event", "0 events", "1,234 events"; give the plural when it is
    /// not the singular and an s ("1 entry", "2 entries").
    /// </summary>
    public static string Count(long n, string singular, string? plural = null) => $"{Count(n)} {Plural(n, singular, plural)}";

    /// <summary>The word that agrees with <paramref name="n"/>, for the rest of a sentence about it ("was" or "were").</summary>
    public static string Plural(long n, string singular, string? plural = null) => n == 1 ? singular : plural ?? singular + "s";

    /// <summary>A plain number with one decimal (rates, seconds), in the culture's notation.</summary>
    public static string OneDecimal(double value) => value.ToString("0.0", Culture);

    public static string EventLabel(string eventType) => eventType switch
    {
        "AccountOpened" => "Opened",
        "MoneyDeposited" => "Deposit",
        "MoneyWithdrawn" => "Withdrawal",
        "TransferInitiated" => "Transfer out",
        "TransferReceived" => "Transfer in",
        "AccountClosed" => "Closed",
        _ => eventType,
    };

    public static Color EventColor(string eventType) => eventType switch
    {
        "AccountOpened" => Color.Info,
        "MoneyDeposited" => Color.Success,
        "MoneyWithdrawn" => Color.Warning,
        "TransferInitiated" => Color.Secondary,
        "TransferReceived" => Color.Primary,
        "AccountClosed" => Color.Dark,
        _ => Color.Default,
    };

    public static Color StatusColor(AccountStatus status) => status == AccountStatus.Active ? Color.Success : Color.Default;
}
