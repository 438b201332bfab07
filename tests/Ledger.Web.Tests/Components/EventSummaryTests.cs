using System.Text.Json;
using Ledger.Web.Components.Pages.EventLog;
using Ledger.Web.Components.Shared;
using Ledger.Web.Tests.Shared;

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

    [Fact]
    public void AnOpening_NamesTheHolderTheCurrencyAndTheInitialDeposit()
    {
        using var german = new InCulture("de-DE");

        var line = EventSummary.Of(Event("AccountOpened", """{"holderName": "Ada", "currency": "EUR", "initialDeposit": 1234.5}"""), new Dictionary<string, string> { ["A"] = "EUR" });

        Assert.Equal("Ada, EUR, initial 1.234,50 EUR", line);
    }

    [Fact]
    public void ATransferIn_ANameIsFromWhom_AndAClosingSaysWhyAndByWhom()
    {
        using var english = new InCulture("en-US");
        var none = new Dictionary<string, string>();

        Assert.Equal("1,000.25 from B · Gift", EventSummary.Of(Event("TransferReceived", """{"amount": 1000.25, "fromAccountId": "B", "description": "Gift"}"""), none));
        Assert.Equal("Moved away (by clerk)", EventSummary.Of(Event("AccountClosed", """{"reason": "Moved away", "closedBy": "clerk"}"""), none));
    }

    [Fact]
    public void AnAmountThatIsNoDecimal_ShowsAsWritten_AndAMissingFieldAsNothing()
    {
        var euros = new Dictionary<string, string> { ["A"] = "EUR" };

        Assert.Equal("lots · ATM · ", EventSummary.Of(Event("MoneyWithdrawn", """{"amount": "lots", "description": "ATM"}"""), euros));
        Assert.Equal("1e400 · ATM · ", EventSummary.Of(Event("MoneyWithdrawn", """{"amount": 1e400, "description": "ATM"}"""), euros));
    }
}
