using System.Text.Json;
using Ledger.Web.Components.Pages.EventLog;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Tests.Components;

public sealed class EventSummaryTests
{
    private static EventView Event(string type, string json) =>
        new(1, Guid.NewGuid(), "BankAccount-A", "A", 1, type, 1, DateTimeOffset.UnixEpoch, JsonDocument.Parse(json).RootElement, new EventMetadataView("c", "c", "tester"));

    [Fact]
    public void ADeposit_ShowsItsAmountInTheAccountsCurrency_ThenWhyAndItsReference()
    {
        var line = EventSummary.Of(Event("MoneyDeposited", """{"amount": 4977, "description": "Rent", "transactionReference": "R-7"}"""), new Dictionary<string, string> { ["A"] = "JPY" });

        Assert.Equal($"{Display.MoneyWithCode(4977m, "JPY")} · Rent · R-7", line);
    }

    [Fact]
    public void WithoutAKnownCurrency_AnAmountKeepsItsOwnDecimals()
    {
        var line = EventSummary.Of(Event("TransferInitiated", """{"amount": 68.5, "toAccountId": "B", "description": "Loan"}"""), new Dictionary<string, string>());

        Assert.Equal($"{68.5m.ToString("N1", System.Globalization.CultureInfo.CurrentCulture)} to B · Loan", line);
    }

    [Fact]
    public void AnUnknownType_ShowsItsPayload() =>
        Assert.Equal("""{"x": 1}""", EventSummary.Of(Event("SomethingNew", """{"x": 1}"""), new Dictionary<string, string>()));
}
