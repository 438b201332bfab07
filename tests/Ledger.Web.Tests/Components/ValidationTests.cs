using Ledger.Web.Components.Pages.Accounts;

namespace Ledger.Web.Tests.Components;

/// <summary>The dialogs' inline checks: the exact words a person reads under a field, and where each limit lies.</summary>
public sealed class ValidationTests
{
    [Fact]
    public void MaxLength_AllowsExactlyTheLimit_AndSaysHowLongATooLongValueIs()
    {
        Assert.Null(Validation.MaxLength(null, 5, "The reason"));
        Assert.Null(Validation.MaxLength("12345", 5, "The reason"));
        Assert.Equal("The reason is 6 characters long; the limit is 5.", Validation.MaxLength("123456", 5, "The reason"));
    }

    [Fact]
    public void AccountId_IsRequired_ButTheOptionalOneMayBeLeftEmpty()
    {
        const string Rule = "1 to 64 letters, digits, '-' or '_', starting with a letter or digit.";

        Assert.Equal("An account id is required.", Validation.AccountId(" "));
        Assert.Equal(Rule, Validation.AccountId("-starts-with-a-dash"));
        Assert.Null(Validation.AccountId("acc-1"));
        Assert.Null(Validation.OptionalAccountId(""));
        Assert.Equal(Rule, Validation.OptionalAccountId("has space"));
    }

    [Fact]
    public void Amount_IsRequired_AndMustBePositive_UnlessZeroIsAllowed()
    {
        Assert.Equal("An amount is required.", Validation.Amount(null, "EUR"));
        Assert.Equal("The amount must be greater than zero.", Validation.Amount(0m, "EUR"));
        Assert.Equal("The amount must be greater than zero.", Validation.Amount(-1m, "EUR"));
        Assert.Null(Validation.Amount(0m, "EUR", allowZero: true));
        Assert.Equal("The amount cannot be negative.", Validation.Amount(-0.01m, "EUR", allowZero: true));
        Assert.Null(Validation.Amount(0.01m, "EUR"));
    }

    [Fact]
    public void Amount_WithMoreDecimalsThanTheCurrencyHas_SaysHowManyItAllows()
    {
        Assert.Equal("EUR allows 2 decimal places.", Validation.Amount(1.005m, "EUR"));
        Assert.Equal("JPY has no minor unit; give a whole number.", Validation.Amount(1.5m, "JPY"));
        Assert.Null(Validation.Amount(1.5m, "XYZ"));
    }

    [Fact]
    public void Amount_MayBeExactlyTheMaximum_ButNotOneCentMore()
    {
        Assert.Null(Validation.Amount(1_000_000m, "EUR", max: 1_000_000m));
        Assert.Equal("At most 1,000,000.00 EUR at once.", Validation.Amount(1_000_000.01m, "EUR", max: 1_000_000m));
    }
}
