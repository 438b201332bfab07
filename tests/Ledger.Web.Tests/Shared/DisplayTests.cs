using Ledger.Web.Components.Shared;
using MudBlazor;

namespace Ledger.Web.Tests.Shared;

/// <summary>What every screen writes for amounts, times and event types, in a German and an invariant reader's culture.</summary>
public sealed class DisplayTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    // 13:05:09 UTC is 14:05:09 in Zurich (winter time): a screen shows the viewer's clock, never UTC's.
    private static readonly DateTimeOffset Moment = new(2026, 11, 30, 13, 5, 9, TimeSpan.Zero);

    [Fact]
    public void Money_HasExactlyTheCurrencysDigits_WithTheReadersSeparators()
    {
        using var german = new InCulture("de-DE");

        Assert.Equal("1.234,50", Display.Money(1234.5m, "EUR"));
        Assert.Equal("5.000", Display.Money(5000m, "JPY"));
        Assert.Equal("1.234,500 KWD", Display.MoneyWithCode(1234.5m, "KWD"));
    }

    [Fact]
    public void Signed_MarksOnlyGainsWithAPlus()
    {
        using var english = new InCulture("en-US");

        Assert.Equal("+12.50", Display.Signed(12.5m, "EUR"));
        Assert.Equal("0.00", Display.Signed(0m, "EUR"));
        Assert.Equal("-12.50", Display.Signed(-12.5m, "EUR"));
    }

    [Fact]
    public void DifferenceClass_TellsGainsLossesAndNoChangeApart()
    {
        Assert.Equal("ledger-positive", Display.DifferenceClass(0.01m));
        Assert.Equal("ledger-muted", Display.DifferenceClass(0m));
        Assert.Equal("ledger-negative", Display.DifferenceClass(-0.01m));
    }

    [Fact]
    public void WithoutACulture_TimesAndDatesAreIso8601_OnTheViewersClock()
    {
        using var invariant = new InCulture("");

        var shown = (Display.Time(Moment, Zurich), Display.ShortTime(Moment, Zurich), Display.Day(Moment, Zurich), Display.DayAndMonth(Moment, Zurich));

        Assert.Equal(("2026-11-30 14:05:09", "2026-11-30 14:05", "2026-11-30", "Nov 30"), shown);
        Assert.Equal("yyyy-MM-dd", Display.DateInputFormat);
        Assert.Equal(Display.ShortTime(Moment, Zurich), $"{Display.Day(Moment, Zurich)} {Display.Clock(Moment, Zurich)}");
    }

    [Fact]
    public void InGerman_TimesAndDatesAreWrittenTheGermanWay_OnTheViewersClock()
    {
        using var german = new InCulture("de-DE");

        Assert.Equal("30.11.2026 14:05:09", Display.Time(Moment, Zurich));
        Assert.Equal("30.11.2026 14:05", Display.ShortTime(Moment, Zurich));
        Assert.Equal("30.11.2026", Display.Day(Moment, Zurich));
        Assert.Equal("14:05", Display.Clock(Moment, Zurich));
        Assert.Equal("dd.MM.yyyy", Display.DateInputFormat);
        Assert.Equal("30. Nov.", Display.DayAndMonth(Moment, Zurich));
    }

    [Fact]
    public void CountsAndRates_FollowTheReadersNotation()
    {
        using (new InCulture("de-DE"))
        {
            Assert.Equal("1.234.567", Display.Count(1_234_567));
            Assert.Equal("2,5", Display.OneDecimal(2.46));
        }

        using (new InCulture(""))
        {
            Assert.Equal("1,234,567", Display.Count(1_234_567));
            Assert.Equal("2.5", Display.OneDecimal(2.46));
        }
    }

    [Fact]
    public void ACountedNoun_IsSingularForExactlyOne_InTheReadersNotation()
    {
        using var english = new InCulture("en-US");

        Assert.Equal("1 event", Display.Count(1, "event"));
        Assert.Equal("0 events", Display.Count(0, "event"));
        Assert.Equal("1,234 events", Display.Count(1_234, "event"));
        Assert.Equal("1 entry", Display.Count(1, "entry", "entries"));
        Assert.Equal("2 entries", Display.Count(2, "entry", "entries"));
        Assert.Equal(("was", "were"), (Display.Plural(1, "was", "were"), Display.Plural(3, "was", "were")));
    }

    [Fact]
    public void EventTypes_ReadAsWords_AndEachHasItsOwnColour()
    {
        string[] types = ["AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "TransferInitiated", "TransferReceived", "AccountClosed"];

        Assert.Equal(["Opened", "Deposit", "Withdrawal", "Transfer out", "Transfer in", "Closed"], types.Select(Display.EventLabel));
        Assert.Equal([Color.Info, Color.Success, Color.Warning, Color.Secondary, Color.Primary, Color.Dark], types.Select(Display.EventColor));
    }

    [Fact]
    public void AnEventTypeFromTheFuture_ShowsItsOwnName_InTheDefaultColour()
    {
        Assert.Equal("InterestPaid", Display.EventLabel("InterestPaid"));
        Assert.Equal(Color.Default, Display.EventColor("InterestPaid"));
    }

    [Fact]
    public void OnlyAnActiveAccount_IsShownInTheSuccessColour()
    {
        Assert.Equal(Color.Success, Display.StatusColor(Ledger.Domain.Accounts.AccountStatus.Active));
        Assert.Equal(Color.Default, Display.StatusColor(Ledger.Domain.Accounts.AccountStatus.Closed));
    }
}
