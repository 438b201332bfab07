using System.Globalization;
using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components;

/// <summary>An amount is read as a person writes it in their language, and nothing else is read as one.</summary>
public sealed class AmountTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    [Theory]
    [InlineData("5", "5")]
    [InlineData("1234.56", "1234.56")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("1,234,567", "1234567")]
    [InlineData(" 12 ", "12")]
    [InlineData("+5", "5")]
    [InlineData("-5", "-5")]
    [InlineData(".5", "0.5")]
    [InlineData("0.10", "0.10")]
    public void English_ReadsWhatAnEnglishReaderWrites(string text, string expected)
    {
        Assert.True(AmountText.TryParse(text, English, out var amount));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), amount);
        Assert.Null(AmountText.Problem(text, English));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData("1,2,3.4")]
    [InlineData("12,34.5")]
    [InlineData("1.2.3")]
    [InlineData("1,234.")]
    [InlineData("$5")]
    [InlineData("5 EUR")]
    [InlineData("(5)")]
    [InlineData("1 000")]
    [InlineData("five")]
    [InlineData("٥")]
    [InlineData("--5")]
    public void English_RefusesWhatIsNotAnAmount_NamingTheWayToWriteIt(string text)
    {
        Assert.False(AmountText.TryParse(text, English, out _));
        Assert.Equal("Not an amount: write it like 1,234.56 or 1234.56.", AmountText.Problem(text, English));
    }

    [Theory]
    [InlineData("234,56", "234.56")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1234", "1234")]
    public void German_ReadsCommaDecimals_AndDotGroups(string text, string expected)
    {
        Assert.True(AmountText.TryParse(text, German, out var amount));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,234.56")]
    public void German_RefusesAnEnglishDecimalPoint(string text)
    {
        Assert.False(AmountText.TryParse(text, German, out _));
        Assert.Equal("Not an amount: write it like 1.234,56 or 1234,56.", AmountText.Problem(text, German));
    }

    [Theory]
    [InlineData("1 234,56")]
    [InlineData("1\u202F234,56")]
    [InlineData("1\u00A0234,56")]
    public void French_GroupsWithAnySpace(string text)
    {
        Assert.True(AmountText.TryParse(text, French, out var amount));
        Assert.Equal(1234.56m, amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_IsNoProblemOfItsOwn_TheFieldSaysItIsRequired(string? text)
    {
        Assert.Null(AmountText.Problem(text, English));
        Assert.False(AmountText.TryParse(text, English, out _));
    }
}
