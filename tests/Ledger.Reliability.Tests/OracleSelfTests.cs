using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Sqlite;

namespace Ledger.Reliability.Tests;

/// <summary>
/// The shared checks every test leans on must be able to fail: each is shown a database broken in
/// exactly the way it guards against.
/// </summary>
public sealed class OracleSelfTests
{
    [Fact]
    public async Task ReadModelCheck_And_Hash_NoticeATamperedBalance()
    {
        await using var ledger = await StartWithHistoryAsync();
        var hash = LedgerChecks.ReadModelHash(ledger.Database);
        LedgerChecks.AssertReadModelEqualsReplay(ledger.Database);

        Execute(ledger.Database, "UPDATE account_balances SET balance_minor = balance_minor + 1 WHERE account_id = 'A'");

        Assert.ThrowsAny<Exception>(() => LedgerChecks.AssertReadModelEqualsReplay(ledger.Database));
        Assert.NotEqual(hash, LedgerChecks.ReadModelHash(ledger.Database));
    }

    [Fact]
    public Task ReadModelCheck_NoticesAMissingStatementLine() => AssertNoticesAsync(
        database => LedgerChecks.AssertReadModelEqualsReplay(database),
        _ => "DELETE FROM account_ledger WHERE account_id = 'B' AND version = 2");

    // Events can only be broken with the table's own guards dropped, which is the point: the checks do not rely on them.
    [Fact]
    public Task ContiguityCheck_NoticesAGap() => AssertNoticesAsync(
        database => LedgerChecks.AssertContiguous(database),
        database => DropEventGuards(database) + "DELETE FROM events WHERE stream_id = 'BankAccount-A' AND stream_version = 2;");

    [Fact]
    public Task TransferCheck_NoticesAHalfAppliedTransfer() => AssertNoticesAsync(
        database => LedgerChecks.AssertTransfersHaveBothLegs(database),
        database => DropEventGuards(database) + "DELETE FROM events WHERE event_type = 'TransferReceived';");

    [Fact]
    public async Task SeededFailures_NameTheSeed_AndHowToRerun()
    {
        var failure = await Assert.ThrowsAsync<SeededFailureException>(() => Seeds.RunAsync(4242, () => throw new InvalidOperationException("boom"), "SomeTest"));
        Assert.Contains("[seed 4242]", failure.Message);
        Assert.Contains("LEDGER_SEED=4242", failure.Message);
        Assert.Contains("boom", failure.Message);
    }

    private static async Task<TestLedger> StartWithHistoryAsync()
    {
        var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 0m));
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));
        await ledger.Mediator.Send(new TransferMoneyCommand(null, "A", "B", 3m));
        return ledger;
    }

    /// <summary><paramref name="check"/> passes on an honest history, then fails once <paramref name="breakIt"/>'s SQL has run.</summary>
    private static async Task AssertNoticesAsync(Action<TestDatabase> check, Func<TestDatabase, string> breakIt)
    {
        await using var ledger = await StartWithHistoryAsync();
        check(ledger.Database);

        Execute(ledger.Database, breakIt(ledger.Database));

        Assert.ThrowsAny<Exception>(() => check(ledger.Database));
    }

    private static void Execute(TestDatabase database, string sql) => LedgerChecks.Execute(database, sql);

    /// <summary>The engine's own append-only and no-gap guards, dropped: only then can a test break what the checks guard.</summary>
    private static string DropEventGuards(TestDatabase database) =>
        database.Provider == PostgresTestDatabase.ProviderName ? PostgresStatements.DropEventGuards : SqliteStatements.DropEventGuards;
}
