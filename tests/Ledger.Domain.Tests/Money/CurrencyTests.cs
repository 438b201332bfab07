namespace Ledger.Domain.Tests.Money;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("GBP", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    public void DecimalPlaces_FollowsIso4217(string code, int digits)
    {
        Assert.Equal(digits, Currency.DecimalPlaces(code));
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("XXX")]
    [InlineData("XTS")]
    [InlineData("ABC")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData(null)]
    public void IsKnown_OfSomethingThatIsNotACirculatingCurrency_IsFalse(string? code)
    {
        Assert.False(Currency.IsKnown(code));
    }

    [Fact]
    public void DecimalPlaces_OfUnknownCode_IsRejected()
    {
        var error = Assert.Throws<DomainException>(() => Currency.DecimalPlaces("eur"));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
    }

    [Theory]
    [InlineData("UYU")]
    [InlineData("PAB")]
    [InlineData("CVE")]
    [InlineData("MGA")]
    [InlineData("KPW")]
    [InlineData("VED")]
    [InlineData("XCG")]
    public void IsKnown_OfEveryCirculatingCurrency_IsTrue(string code)
    {
        Assert.True(Currency.IsKnown(code));
        Assert.Equal(2, Currency.DecimalPlaces(code));
    }

    [Fact]
    public void Codes_AreSortedUniqueThreeCapitalLetters()
    {
        Assert.All(Currency.Codes, code => Assert.Matches("^[A-Z]{3}$", code));
        Assert.Equal(Currency.Codes.Order(StringComparer.Ordinal), Currency.Codes);
        Assert.Equal(Currency.Codes.Count, Currency.Codes.Distinct(StringComparer.Ordinal).Count());
        Assert.True(Currency.Codes.Count > 150, $"Only {Currency.Codes.Count} currencies are known.");
    }

    [Fact]
    public void Codes_HaveADigitCountEveryAmountConversionSupports()
    {
        Assert.All(Currency.Codes, code => Assert.InRange(Currency.DecimalPlaces(code), 0, 3));
        Assert.All(Currency.Codes, code => Assert.Equal(12_345L, Amounts.ToMinorUnits(Amounts.FromMinorUnits(12_345L, code), code)));
    }
}
