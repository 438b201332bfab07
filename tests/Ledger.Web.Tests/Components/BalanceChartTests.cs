using System.Globalization;
using Ledger.Domain.Accounts;
using Ledger.Web.Components;
using Ledger.Web.Components.Pages.Accounts;
using Ledger.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components;

/// <summary>The balance chart's axes as a person reads them: round amounts that fit, and times that never repeat.</summary>
public sealed class BalanceChartTests : BunitContext
{
    private static readonly DateTimeOffset Start = new(2025, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public BalanceChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLedgerUi();
    }

    [Fact]
    public void AMillionDollarBalance_HasRoundSteps_WhoseLabelsFitLeftOfTheChart()
    {
        using var english = new InCulture("en-US");
        var cut = Render<BalanceChart>(p => p.Add(c => c.Points, Entries("USD", [(0, 200_000m), (30, 640_000.5m), (60, 1_100_262m)])));

        var labels = cut.FindAll("text[text-anchor=end]");

        Assert.Equal(["0", "250,000", "500,000", "750,000", "1,000,000", "1,250,000"], labels.Select(l => l.TextContent));
        // Right-aligned at x, 11px digits are at most about 6 units wide each: the whole label stays inside the picture.
        Assert.All(labels, l => Assert.True(
            double.Parse(l.GetAttribute("x")!, CultureInfo.InvariantCulture) >= 6 * l.TextContent.Length,
            $"'{l.TextContent}' ends at x={l.GetAttribute("x")} and is cut off on the left"));
    }

    [Fact]
    public void EventsOnOneDay_AreLabelledWithTheirTimes_NeverTheSameDayAgain()
    {
        using var english = new InCulture("en-US");
        var cut = Render<BalanceChart>(p => p.Add(c => c.Points, Entries("EUR", [(0, 10m), (60, 20m), (180, 15m), (300, 40m), (420, 35m)])));

        var labels = cut.FindAll("text[text-anchor=middle]").Select(l => l.TextContent.Replace('\u202F', ' ')).ToList();

        Assert.Equal(["9:00 AM", "10:00 AM", "12:00 PM", "2:00 PM", "4:00 PM"], labels);
    }

    private static List<LedgerEntryView> Entries(string currency, (int Minutes, decimal Balance)[] points) =>
        [.. points.Select((p, i) => new LedgerEntryView(
            "A", i + 1, i + 1, "MoneyDeposited", currency, 1m, p.Balance, AccountStatus.Active, null, null, null, Start.AddMinutes(p.Minutes)))];
}
