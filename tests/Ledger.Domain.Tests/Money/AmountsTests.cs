using System.Globalization;

namespace Ledger.Domain.Tests.Money;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("EUR", "12.34", 1234)]
    [InlineData("EUR", "0", 0)]
    [InlineData("EUR", "0.01", 1)]
    [InlineData("EUR", "-5.5", -550)]
    [InlineData("EUR", "1000000000000", 100000000000000)]
    [InlineData("JPY", "1234", 1234)]
    [InlineData("JPY", "0", 0)]
    [InlineData("KWD", "1.234", 1234)]
    [InlineData("BHD", "0.001", 1)]
    [InlineData("KWD", "1000000000000", 1000000000000000)]
    // Trailing zeros do not count as digits.
    [InlineData("EUR", "1.500", 150)]
    [InlineData("JPY", "7.000", 7)]
    [InlineData("KWD", "2.50", 2500)]
    // The edges of long.
    [InlineData("EUR", "92233720368547758.07", long.MaxValue)]
    [InlineData("JPY", "-9223372036854775808", long.MinValue)]
    public void ToMinorUnits_OfAnAmountTheCurrencyAllows_IsExact(string currency, string amount, long minor)
    {
        Assert.Equal(minor, Amounts.ToMinorUnits(Dec.Parse(amount), currency));
    }

    [Theory]
    [InlineData("EUR", 1234, "12.34")]
    [InlineData("EUR", -1, "-0.01")]
    [InlineData("JPY", 1234, "1234")]
    [InlineData("KWD", 1234, "1.234")]
    [InlineData("BHD", 5, "0.005")]
    public void FromMinorUnits_ShiftsByTheCurrencyDigits(string currency, long minor, string amount)
    {
        Assert.Equal(Dec.Parse(amount), Amounts.FromMinorUnits(minor, currency));
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    [InlineData("BHD")]
    [InlineData("USD")]
    public void MinorUnits_RoundTripBothWays(string currency)
    {
        const int seed = 4217;
        var random = new Random(seed);
        var digits = Currency.DecimalPlaces(currency);
        var max = (long)(Amounts.MaxBalance * (digits switch { 0 => 1, 2 => 100, _ => 1000 }));

        for (var i = 0; i < 2_000; i++)
        {
            var minor = random.NextInt64(-max, max + 1);
            var amount = Amounts.FromMinorUnits(minor, currency);

            Assert.True(Amounts.FractionDigits(amount) <= digits, $"seed {seed}: {minor} minor units of {currency} became {amount}");
            Assert.True(minor == Amounts.ToMinorUnits(amount, currency), $"seed {seed}: {minor} {currency} did not round-trip via {amount}");
        }
    }

    [Theory]
    [MemberData(nameof(CurrencyAmounts.TooPrecise), MemberType = typeof(CurrencyAmounts))]
    // Not a currency at all.
    [InlineData("XXX", "1")]
    public void ToMinorUnits_OfAnAmountTheCurrencyCannotHold_IsRejectedNotRounded(string currency, string amount)
    {
        var error = Assert.Throws<DomainException>(() => Amounts.ToMinorUnits(Dec.Parse(amount), currency));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
    }

    [Theory]
    [InlineData("EUR", "79228162514264337593543950335")]
    [InlineData("EUR", "-79228162514264337593543950335")]
    [InlineData("EUR", "92233720368547758.08")]
    [InlineData("JPY", "9223372036854775808")]
    [InlineData("KWD", "9223372036854775.808")]
    public void ToMinorUnits_BeyondTheRangeOfLong_Overflows(string currency, string amount)
    {
        Assert.Throws<OverflowException>(() => Amounts.ToMinorUnits(Dec.Parse(amount), currency));
    }

    [Theory]
    [InlineData("1.50", 1)]
    [InlineData("1.00", 0)]
    [InlineData("100", 0)]
    [InlineData("1000000", 0)]
    [InlineData("0.000", 0)]
    [InlineData("0.001", 3)]
    [InlineData("0.0010", 3)]
    [InlineData("-2.25", 2)]
    [InlineData("12.3456", 4)]
    [InlineData("0.1000000000000000000000000000", 1)]
    [InlineData("0.0000000000000000000000000001", 28)]
    [InlineData("79228162514264337593543950335", 0)]
    [InlineData("7922816251426433759354395033.5", 1)]
    public void FractionDigits_CountsSignificantDigitsOnly(string amount, int digits)
    {
        Assert.Equal(digits, Amounts.FractionDigits(Dec.Parse(amount)));
    }

    [Theory]
    [InlineData("10.500", "10.5")]
    [InlineData("1.0000000000000000000000000000", "1")]
    [InlineData("100", "100")]
    [InlineData("0.10", "0.1")]
    [InlineData("-2.250", "-2.25")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Canonical_DropsTrailingZeros_AndKeepsTheValue(string written, string canonical)
    {
        var amount = Amounts.Canonical(Dec.Parse(written));

        Assert.Equal(canonical, amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Dec.Parse(written), amount);
    }

    [Fact]
    public void ABalance_ReadsTheSameHoweverItsAmountsWereWritten()
    {
        var account = Account.Fold(
        [
            new AccountOpened("ACC-1", "H-1", "Holder", "EUR", 100.00m, DateTimeOffset.UnixEpoch),
            new MoneyDeposited("ACC-1", 0.50m, "R-1", "Deposit", DateTimeOffset.UnixEpoch),
            new MoneyDeposited("ACC-1", 9.500m, "R-2", "Deposit", DateTimeOffset.UnixEpoch),
            new MoneyWithdrawn("ACC-1", 1.0000000000000000000000000000m, "R-3", "Withdrawal", DateTimeOffset.UnixEpoch),
        ])!;

        Assert.Equal("109", account.Balance.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FractionDigits_OfAComputedAmount_IgnoresTheScaleArithmeticLeftBehind()
    {
        var amount = 0.100m * 15m;

        Assert.Equal(3, amount.Scale);
        Assert.Equal(1, Amounts.FractionDigits(amount));
    }

    [Theory]
    [MemberData(nameof(CurrencyAmounts.WithinItsDigits), MemberType = typeof(CurrencyAmounts))]
    public void FitsCurrency_OfAnAmountWithinTheCurrencyMinorUnit_IsTrue(string currency, string amount)
    {
        Assert.True(Amounts.FitsCurrency(Dec.Parse(amount), currency));
    }

    [Theory]
    [MemberData(nameof(CurrencyAmounts.TooPrecise), MemberType = typeof(CurrencyAmounts))]
    public void FitsCurrency_OfAnAmountWithMoreDigitsThanTheCurrencyMinorUnit_IsFalse(string currency, string amount)
    {
        Assert.False(Amounts.FitsCurrency(Dec.Parse(amount), currency));
    }

    [Theory]
    [InlineData("EUR", "70.5", "70.50 EUR")]
    [InlineData("EUR", "0", "0.00 EUR")]
    [InlineData("EUR", "1234.5", "1,234.50 EUR")]
    [InlineData("EUR", "-3", "-3.00 EUR")]
    [InlineData("JPY", "1000", "1,000 JPY")]
    [InlineData("KWD", "1.5", "1.500 KWD")]
    [InlineData("EUR", "1000000000000", "1,000,000,000,000.00 EUR")]
    [InlineData("EUR", "0.001", "0.001 EUR")]
    [InlineData("JPY", "1.5", "1.5 JPY")]
    public void Describe_GroupsShowsTheCurrencyDigitsAndCodeAndNeverRounds(string currency, string amount, string expected)
    {
        Assert.Equal(expected, Amounts.Describe(Dec.Parse(amount), currency));
    }

    [Fact]
    public void Describe_IgnoresTheCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal("1,234.50 EUR", Amounts.Describe(1234.5m, "EUR"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
