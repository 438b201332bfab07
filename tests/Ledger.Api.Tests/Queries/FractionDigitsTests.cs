namespace Ledger.Api.Tests.Queries;

/// <summary>
/// ISO 8601 lets a time carry any number of fraction digits, and Go's RFC 3339 writes nine: every query
/// parameter that takes a time accepts them (QueryValuesTests shows they are cut to the tick, not rounded).
/// </summary>
public sealed class FractionDigitsTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Nanoseconds = "2030-12-01T22:20:53.119412890Z";

    public static TheoryData<string> EveryTimeParameter => new()
    {
        "/api/accounts/{id}/state?at=" + Nanoseconds,
        "/api/accounts/{id}/state?at=" + Nanoseconds + "&knownAt=" + Nanoseconds,
        "/api/accounts/{id}/statement?from=2020-01-01T00:00:00.00000000Z&to=" + Nanoseconds + "&knownAt=" + Nanoseconds,
        "/api/accounts/{id}/explain?at=" + Nanoseconds + "&knownAt=" + Nanoseconds,
        "/api/balances?at=" + Nanoseconds + "&knownAt=" + Nanoseconds,
        "/api/compare?from=2020-01-01T00:00:00.000000001Z&to=" + Nanoseconds + "&knownAt=" + Nanoseconds,
    };

    [Theory]
    [MemberData(nameof(EveryTimeParameter))]
    public async Task ATimeWithNineFractionDigits_IsAccepted(string route)
    {
        var id = await Client.OpenNewAsync();

        var response = await Client.GetAsync(route.Replace("{id}", id, StringComparison.Ordinal));

        await response.OkJsonAsync();
    }
}
