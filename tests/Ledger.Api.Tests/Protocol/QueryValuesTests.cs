using System.Globalization;
using Ledger.Domain;
using Ledger.Web.Api;

namespace Ledger.Api.Tests.Protocol;

/// <summary>
/// Query-string parsing on its own: both ends of every range are accepted, one past is refused naming the
/// parameter in the words the caller reads. The HTTP shape of a refusal is HeaderAndQueryValidationTests'.
/// </summary>
public sealed class QueryValuesTests
{
    [Fact]
    public void AWholeNumber_IsAcceptedFromItsMinimumToItsMaximum_AndLeftOutIsTheFallback()
    {
        Assert.Equal(1, QueryValues.Int("1", "limit", 100, 1, 500));
        Assert.Equal(500, QueryValues.Int("500", "limit", 100, 1, 500));
        Assert.Equal(100, QueryValues.Int(" ", "limit", 100, 1, 500));
        Assert.Equal(-3, QueryValues.Int("-3", "offset", 0, -5, 5));
    }

    [Fact]
    public void AWholeNumberOnePastEitherEnd_OrNotAWholeNumber_IsRefusedNamingTheParameter()
    {
        foreach (var raw in new[] { "0", "501", "2.5", "ten" })
        {
            var refused = Assert.Throws<DomainException>(() => QueryValues.Int(raw, "limit", 100, 1, 500));
            Assert.Equal(("limit", "'limit' must be a whole number from 1 to 500."), (refused.Field, refused.Message));
        }
    }

    [Fact]
    public void ALongNumber_IsAcceptedFromItsMinimum_AndLeftOutIsNull()
    {
        Assert.Equal(0, QueryValues.Long("0", "after", 0));
        Assert.Null(QueryValues.Long("", "after", 0));

        var refused = Assert.Throws<DomainException>(() => QueryValues.Long("0", "version", 1));
        Assert.Equal(("version", "'version' must be a whole number of at least 1."), (refused.Field, refused.Message));
    }

    [Fact]
    public void ATimestampWithAnOffset_IsTheSameInstantInUtc()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), QueryValues.Timestamp("2026-03-01T13:00:00+01:00", "asOf"));
        Assert.Equal(TimeSpan.Zero, QueryValues.Timestamp("2026-03-01T13:00:00.1234567-05:00", "asOf")!.Value.Offset);
        Assert.Null(QueryValues.Timestamp(null, "asOf"));
    }

    [Theory]
    [InlineData("2026-12-01T22:20:53.11941289Z", "2026-12-01T22:20:53.1194128Z")]
    [InlineData("2026-12-01T22:20:53.119412899Z", "2026-12-01T22:20:53.1194128Z")]
    [InlineData("2026-12-31T23:59:59.999999999Z", "2026-12-31T23:59:59.9999999Z")]
    [InlineData("2026-12-31T23:59:59.99999999999999999999-01:00", "2027-01-01T00:59:59.9999999Z")]
    [InlineData("2026-12-01T22:20:53.1Z", "2026-12-01T22:20:53.1Z")]
    public void ATimestampWithMoreFractionDigitsThanATick_IsCutToTheTick_NeverRoundedLater(string raw, string expected)
    {
        var parsed = QueryValues.Timestamp(raw, "at");

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), parsed);
    }

    [Fact]
    public void ATimestampWithNanosecondsButNoOffset_IsStillRefused()
    {
        var refused = Assert.Throws<DomainException>(() => QueryValues.Timestamp("2026-12-01T22:20:53.119412890", "at"));

        Assert.Equal("at", refused.Field);
    }

    [Fact]
    public void ATimestampWithoutAnOffset_IsRefused_WithoutThePercent2BHint()
    {
        var refused = Assert.Throws<DomainException>(() => QueryValues.Timestamp("2026-03-01T12:00:00", "asOf"));

        Assert.Equal("asOf", refused.Field);
        Assert.EndsWith("such as 2026-03-01T12:00:00Z or 2026-03-01T13:00:00%2B01:00.", refused.Message);
    }

    [Fact]
    public void AChoice_IsReadTrimmed_AndAnUnknownOneListsTheAllowedValues()
    {
        var allowed = new Dictionary<string, DayOfWeek> { ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday };

        Assert.Equal(DayOfWeek.Tuesday, QueryValues.Enum(" tue ", "day", allowed));
        Assert.Null(QueryValues.Enum("", "day", allowed));
        Assert.Equal("'day' must be one of: mon, tue.", Assert.Throws<DomainException>(() => QueryValues.Enum("wed", "day", allowed)).Message);
    }
}
