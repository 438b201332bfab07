namespace Ledger.EndToEnd.Tests;

/// <summary>
/// Journeys of <see cref="Journeys"/>, step for step, with the app started on PostgreSQL (a database of
/// its own on the server named by LEDGER_TEST_POSTGRES): the UI, its live updates and time travel do not
/// depend on the engine. Without a server they report skipped and say how to start one; on CI they fail.
/// </summary>
public sealed class PostgresJourneys(BrowserFixture browser, ITestOutputHelper output) : EndToEndTest(browser, output)
{
    [SkippableFact]
    public Task OnPostgres_OpenDepositWithdraw_BalanceAndHistoryShowExactlyThoseEvents() =>
        JourneyAsync(Journeys.OpenDepositWithdrawAsync, OnPostgresAsync);

    [SkippableFact]
    public Task OnPostgres_Transfer_BothHistoriesShowTheirLeg_AndTotalsStayTheSame() =>
        JourneyAsync(Journeys.TransferAsync, OnPostgresAsync);

    [SkippableFact]
    public Task OnPostgres_TimeTravel_WithTheKeyboard_AndAsOf_ThenLive() =>
        JourneyAsync(Journeys.TimeTravelAsync, OnPostgresAsync);

    private static async Task<TestDatabase> OnPostgresAsync() => await PostgresTestDatabase.CreateAsync("ledger-e2e");
}
