using Ledger.Web.Components.Shared.Charts;

namespace Ledger.Web.Tests.Shared.Charts;

/// <summary>Round steps for a money axis, that hold zero and every value, in the currency's own amounts.</summary>
public sealed class ValueAxisTests
{
    [Fact]
    public void AMillionAndABit_IsCoveredInQuarterMillions_WrittenWithoutCents()
    {
        using var english = new InCulture("en-US");

        var axis = ValueAxis.For(200_000m, 1_100_262m, "USD");

        Assert.Equal(["0", "250,000", "500,000", "750,000", "1,000,000", "1,250,000"], axis.Ticks.Select(t => t.Text));
        Assert.Equal((0m, 1_250_000m, 250_000m), (axis.Low, axis.High, axis.Step));
    }

    [Theory]
    [InlineData(558_419.75, 200_000)]
    [InlineData(15_649.22, 5_000)]
    [InlineData(100, 20)]
    [InlineData(10.01, 2.5)]
    [InlineData(25.01, 10)]
    public void TheStep_IsTheFinestRoundOne_ThatCoversTheValuesInAtMostFiveIntervals(decimal max, decimal step)
    {
        var axis = ValueAxis.For(0m, max, "EUR");

        Assert.Equal(step, axis.Step);
        Assert.InRange(axis.Ticks.Count - 1, 3, 5);
        Assert.True(axis.High >= max);
    }

    [Fact]
    public void AFallingBalance_KeepsZeroOnTheAxis_AndANegativeOne_GoesBelowIt()
    {
        using var english = new InCulture("en-US");

        Assert.Equal(0m, ValueAxis.For(900m, 1_000m, "EUR").Low);
        Assert.Equal(["-600", "-400", "-200", "0", "200"], ValueAxis.For(-550m, 120m, "EUR").Ticks.Select(t => t.Text));
    }

    [Fact]
    public void StepsFinerThanOne_ShowTheCurrencysDigits_AndNeverSplitItsSmallestUnit()
    {
        using var english = new InCulture("en-US");

        Assert.Equal(["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"], ValueAxis.For(0m, 1.2m, "EUR").Ticks.Select(t => t.Text));
        // 2.5 yen is no amount: where euros step by 2.50, yen step by 5.
        Assert.Equal(2.5m, ValueAxis.For(0m, 11m, "EUR").Step);
        Assert.Equal(5m, ValueAxis.For(0m, 11m, "JPY").Step);
        Assert.Equal(["0", "1", "2"], ValueAxis.For(0m, 2m, "JPY").Ticks.Select(t => t.Text));
    }

    [Fact]
    public void AnAccountThatNeverHeldMoney_StillHasAnAxisOfDistinctLabels()
    {
        var axis = ValueAxis.For(0m, 0m, "JPY");

        Assert.Equal(axis.Ticks.Count, axis.Ticks.Select(t => t.Text).Distinct().Count());
        Assert.True(axis.High > axis.Low);
    }

    [Fact]
    public void InGerman_TheLabelsUseGermanSeparators()
    {
        using var german = new InCulture("de-DE");

        Assert.Equal("1.250.000", ValueAxis.For(0m, 1_100_262m, "EUR").Ticks[^1].Text);
        Assert.Equal("0,25", ValueAxis.For(0m, 1.2m, "EUR").Ticks[1].Text);
    }

    [Theory]
    [InlineData(1_655, 500)]
    [InlineData(1_001_000, 250_000)]
    [InlineData(7, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void ACountsAxis_StepsInWholeRoundNumbers(long max, long step)
    {
        var axis = ValueAxis.ForCounts(max);

        Assert.Equal(step, axis.Step);
        Assert.True(axis.High >= max && axis.Ticks.Count - 1 <= 5);
    }
}
