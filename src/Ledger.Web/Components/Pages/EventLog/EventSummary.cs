using System.Text.Json;
using Ledger.Domain.Money;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Components.Pages.EventLog;

/// <summary>One event in a line of the event log: who, how much (in the account's currency where known) and why.</summary>
public static class EventSummary
{
    /// <param name="e">The event as the log lists it.</param>
    /// <param name="currencies">Account id → currency, for the accounts whose currency is known (amounts then get its decimals).</param>
    public static string Of(EventView e, IReadOnlyDictionary<string, string> currencies)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(currencies);
        var data = e.Data;
        string Text(string name) => data.TryGetProperty(name, out var v) ? v.ToString() : "";
        // TryGetDecimal throws on a non-number, and the log must show any payload it holds, so check the kind first.
        string Amount(string name) => !data.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) ? Text(name)
            : currencies.TryGetValue(e.AccountId, out var currency) ? Display.MoneyWithCode(d, currency)
            : d.ToString("N" + Amounts.FractionDigits(d).ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
        return e.Type switch
        {
            "AccountOpened" => $"{Text("holderName")}, {Text("currency")}, initial {Amount("initialDeposit")}",
            "MoneyDeposited" or "MoneyWithdrawn" => $"{Amount("amount")} · {Text("description")} · {Text("transactionReference")}",
            "TransferInitiated" => $"{Amount("amount")} to {Text("toAccountId")} · {Text("description")}",
            "TransferReceived" => $"{Amount("amount")} from {Text("fromAccountId")} · {Text("description")}",
            "AccountClosed" => $"{Text("reason")} (by {Text("closedBy")})",
            _ => data.ToString(),
        };
    }
}
