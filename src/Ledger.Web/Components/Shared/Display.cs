using System.Globalization;
using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using MudBlazor;

namespace Ledger.Web.Components.Shared;

/// <summary>How the UI writes amounts, times and event types, in one place so every screen agrees.</summary>
public static class Display
{
    /// <summary>Exactly the currency's digits, with thousands separators for reading (1,234.50; 5,000 JPY).</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("N" + Currency.DecimalPlaces(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string MoneyWithCode(decimal amount, string currency) => $"{Money(amount, currency)} {currency}";

    public static string Signed(decimal amount, string currency) =>
        amount > 0 ? "+" + Money(amount, currency) : Money(amount, currency);

    /// <summary>Local time of the machine running Ledger; a desktop-style app runs where its user is.</summary>
    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string ShortTime(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

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
