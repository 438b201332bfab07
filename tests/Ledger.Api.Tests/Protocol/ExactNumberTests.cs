using Ledger.Web.Api;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// A JSON number is accepted as an amount only if the decimal it was read as is the same number, so nothing is
/// rounded; the comparison is linear in the text, so a body full of digits cannot make it slow.
/// </summary>
public sealed class ExactNumberTests(ApiFixture fixture) : ApiTest(fixture)
{
    /// <summary>JSON number texts, each beside the decimal it is, in other digits.</summary>
    public static TheoryData<string, decimal> SameValues => new()
    {
        { "10", 10.00m },
        { "10.00", 10m },
        { "1e1", 10m },
        { "1E+1", 10m },
        { "100e-1", 10m },
        { "0.1e2", 10m },
        { "-12.3400e2", -1234m },
        { "-0.50", -0.5m },
        { "0", 0m },
        { "-0", 0m },
        { "0.000", 0m },
        { "0e10", 0m },
        { "0.0e-10", 0m },
        { "007", 7m },
        { "1.0000000000000000000000000000", 1m },
    };

    [Theory]
    [MemberData(nameof(SameValues))]
    public void SameValueInOtherDigits_IsTheSameNumber(string text, decimal value)
    {
        Assert.True(ExactNumber.Same(text, value));
    }

    /// <summary>Texts beside a decimal they are not: another value, or not a number at all.</summary>
    public static TheoryData<string, decimal> OtherValues => new()
    {
        { "10", 1m },
        { "10", -10m },
        { "1e1", 1m },
        { "1.5e1", 1.5m },
        { "1.0000000000000000000000000000001", 1m },
        { "0.1", 0.01m },
        { "-0.1", 0.1m },
        { "1e99999999999999999999", 1m },
        { "1e", 1m },
        { "", 0m },
        { "-", 0m },
        { "1.2.3", 1.23m },
    };

    [Theory]
    [MemberData(nameof(OtherValues))]
    public void DifferentValueOrNotANumber_IsNotTheSameNumber(string text, decimal value)
    {
        Assert.False(ExactNumber.Same(text, value));
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
