using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// A delivery that arrives again, or early, is refused by the guard in its own batch: an expected race,
/// so Ledger says nothing about it above debug, and on PostgreSQL the server's log names it plainly.
/// </summary>
public sealed class CheckpointGuardTests
{
    [Fact]
    public async Task AnEarlyDelivery_IsRefused_WithoutAWarning_AndTheReadModelStaysRight()
    {
        var logs = new CapturingLoggerProvider();
        await using var ledger = await TestLedger.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.AppendUnpublishedAsync([Deposit(1, 5m)], new EventMetadata("c", "first", "test"));
        var second = await ledger.AppendUnpublishedAsync([Deposit(2, 7m)], new EventMetadata("c", "second", "test"));
        var runner = ledger.Get<ProjectionRunner>();
        // Only what the delivery logs (EF logs its first look for the migrations history of a new database as an error).
        logs.Entries.Clear();

        // Position 3 before 2: the guard refuses the delivery's batch (on PostgreSQL), and the runner catches up from the store.
        await runner.DeliverAsync(second, default);

        await ReadModelAssert.EqualsReplayAsync(ledger);
        Assert.All((await runner.CheckpointsAsync(default)).Values, position => Assert.Equal(3, position));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [PostgresOnlyFact("the guard is a function of the PostgreSQL migrations")]
    public async Task TheGuard_OnPostgres_RaisesItsOwnCode_NamingTheProjectionAndBothPositions()
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)ledger.Database).ConnectionString);
        await connection.OpenAsync();

        await using (var passes = new NpgsqlCommand("SELECT ledger_require_checkpoint('account_balances', 1)", connection))
        {
            await passes.ExecuteNonQueryAsync();
        }

        await using var refuses = new NpgsqlCommand("SELECT ledger_require_checkpoint('account_balances', 7)", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => refuses.ExecuteNonQueryAsync());
        Assert.Equal(CheckpointGuard.RefusedState, refused.SqlState);
        Assert.True(CheckpointGuard.Refused(refused));
        Assert.Equal("Ledger: delivery to projection account_balances refused: its checkpoint is at 1, not 7", refused.MessageText);
    }

    private static StreamAppend Deposit(long after, decimal amount) =>
        new(Account.StreamId("A"), ExpectedVersion.Exactly(after), [NewEvent.From(new MoneyDeposited("A", amount, "r", "d", DateTimeOffset.UtcNow))]);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
