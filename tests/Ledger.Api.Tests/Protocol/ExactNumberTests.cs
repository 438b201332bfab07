using Ledger.Web.Api;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// A JSON number is accepted as an amount only if the decimal it was read as is the same number, so nothing is
/// rounded; the comparison is linear in the text, so a body full of digits cannot make it slow.
/// </summary>
public sealed class ExactNumberTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("10", "10.00")]
    [InlineData("10.00", "10")]
    [InlineData("1e1", "10")]
    [InlineData("1E+1", "10")]
    [InlineData("100e-1", "10")]
    [InlineData("0.1e2", "10")]
    [InlineData("-12.3400e2", "-1234")]
    [InlineData("-0.50", "-0.5")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("0e10", "0")]
    [InlineData("0.0e-10", "0")]
    [InlineData("007", "7")]
    [InlineData("1.0000000000000000000000000000", "1")]
    public void SameValueInOtherDigits_IsTheSameNumber(string text, string value)
    {
        Assert.True(ExactNumber.Same(text, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("10", "1")]
    [InlineData("10", "-10")]
    [InlineData("1e1", "1")]
    [InlineData("1.5e1", "1.5")]
    [InlineData("1.0000000000000000000000000000001", "1")]
    [InlineData("0.1", "0.01")]
    [InlineData("-0.1", "0.1")]
    [InlineData("1e99999999999999999999", "1")]
    [InlineData("1e", "1")]
    [InlineData("", "0")]
    [InlineData("-", "0")]
    [InlineData("1.2.3", "1.23")]
    public void DifferentValueOrNotANumber_IsNotTheSameNumber(string text, string value)
    {
        Assert.False(ExactNumber.Same(text, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Normalizing_DropsLeadingAndTrailingZeros_IntoTheExponent()
    {
        Assert.True(ExactNumber.TryNormalize("-0012.3400e2", out var number));

        Assert.Equal(new ExactNumber.Normalized(true, "1234", 0), number);
    }

    [Fact]
    public async Task AnAmountOf64KiBOfZeros_IsAnsweredAsTheNumberItMeans()
    {
        var id = Api.NewId();
        await Client.OpenAsync(id, 100m);
        var digits = "1." + new string('0', 64 * 1024 - 100);
        var body = "{\"amount\": " + digits + ", \"transactionReference\": \"zeros\"}";
        Assert.True(body.Length < 64 * 1024);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await (await Client.PostRawAsync($"/api/accounts/{id}/deposits", body)).OkJsonAsync();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.Equal(101m, result.GetProperty("balance").GetDecimal());
        Console.WriteLine($"64 KiB amount answered in {elapsed.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task AnAmountOf64KiBOfDigitsThatDoNotFitADecimal_IsRefusedNamingTheField()
    {
        var id = Api.NewId();
        await Client.OpenAsync(id, 100m);
        var digits = "1." + new string('0', 64 * 1024 - 110) + "1";
        var body = "{\"amount\": " + digits + ", \"transactionReference\": \"zeros\"}";

        var response = await Client.RefusedAsync(c => c.PostRawAsync($"/api/accounts/{id}/deposits", body));

        await response.ValidationProblemAsync("amount");
    }
}
