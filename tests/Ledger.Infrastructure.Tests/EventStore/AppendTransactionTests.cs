namespace Ledger.Infrastructure.Tests.EventStore;

/// <summary>
/// An append is one transaction however it reaches the database (on PostgreSQL one batch without a BEGIN,
/// on SQLite prepared statements): a statement that fails anywhere in it leaves nothing behind, and the
/// append after it works on a clean slate, with positions that go on without a gap.
/// </summary>
public sealed class AppendTransactionTests : LedgerTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await AppendAsync([Append("A", 0, new AccountOpened("A", "h", "H", "EUR", 10m, T0)), Append("B", 0, new AccountOpened("B", "h", "H", "EUR", 0m, T0))]);
    }

    [Fact]
    public async Task AFailingLastStatement_WritesNoneOfTheEvents_AndTheNextAppendWorks()
    {
        await ExecuteAsync(Ledger.Database.RefuseInsertsSql("processed_commands", "disk says no"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppendAsync([Append("A", 1, Deposit("A", 5m)), Append("B", 1, Deposit("B", 1m))], Record("c-1")));

        Assert.Contains("disk says no", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await Ledger.EventCountAsync());
        Assert.Equal(1, await Ledger.Get<IEventStore>().StreamVersionAsync("BankAccount-A", default));
        await ExecuteAsync(Ledger.Database.Provider == PostgresTestDatabase.ProviderName
            ? "DROP TRIGGER refuse_processed_commands ON processed_commands"
            : "DROP TRIGGER refuse_processed_commands");

        var stored = await AppendAsync([Append("A", 1, Deposit("A", 5m)), Append("B", 1, Deposit("B", 1m))], Record("c-1"));

        Assert.Equal([3L, 4L], stored.Select(e => e.Position));
        Assert.Equal([2L, 2L], stored.Select(e => e.StreamVersion));
        Assert.NotNull(await Ledger.Get<IEventStore>().FindCommandAsync("c-1", null, default));
    }

    [Fact]
    public async Task AConflictOnTheSecondStream_WritesNothingOfTheFirst_AndNamesBothVersions()
    {
        await AppendAsync([Append("B", 1, Deposit("B", 1m))]);

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => AppendAsync([Append("A", 1, Deposit("A", 5m)), Append("B", 1, Deposit("B", 2m))], Record("c-2")));

        Assert.Equal("BankAccount-B", conflict.StreamId);
        Assert.Equal(1, conflict.Expected.Value);
        Assert.Equal(2, conflict.ActualVersion);
        Assert.Equal(3, await Ledger.EventCountAsync());
        Assert.Null(await Ledger.Get<IEventStore>().FindCommandAsync("c-2", null, default));
        var stored = await AppendAsync([Append("A", 1, Deposit("A", 5m)), Append("B", 2, Deposit("B", 2m))], Record("c-2"));
        Assert.Equal([4L, 5L], stored.Select(e => e.Position));
    }

    [Fact]
    public async Task ATakenCommandId_WritesNoEvents_AndTheNextAppendWorks()
    {
        await AppendAsync([Append("A", 1, Deposit("A", 5m))], Record("c-3"));

        await Assert.ThrowsAsync<DuplicateCommandException>(() => AppendAsync([Append("A", 2, Deposit("A", 5m))], Record("c-3")));

        Assert.Equal(3, await Ledger.EventCountAsync());
        var stored = await AppendAsync([Append("A", 2, Deposit("A", 7m))], Record("c-4"));
        Assert.Equal(4, stored.Single().Position);
        Assert.Equal(3, stored.Single().StreamVersion);
    }

    [Fact]
    public async Task ManyEventsInOneAppend_GetConsecutivePositions_InTheOrderGiven()
    {
        var deposits = Enumerable.Range(1, 50).Select(i => Deposit("A", i)).ToArray();

        var stored = await AppendAsync([Append("A", 1, deposits)], Record("c-5"));

        Assert.Equal(Enumerable.Range(3, 50).Select(i => (long)i), stored.Select(e => e.Position));
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), stored.Select(e => e.StreamVersion));
        var read = await Ledger.ReadAllAsync(2);
        Assert.Equal(stored.Select(e => (e.Position, e.EventId)), read.Select(e => (e.Position, e.EventId)));
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<StreamAppend> appends, IdempotencyRecord? record = null)
    {
        await using var session = await Ledger.Get<IEventStore>().BeginWritingAsync(default);
        return await session.AppendAsync(appends, new EventMetadata("corr", record?.CommandId ?? "test", "test"), record, default);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await Ledger.DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static StreamAppend Append(string account, long expected, params IAccountEvent[] events) =>
        new(Account.StreamId(account), ExpectedVersion.Exactly(expected), events.Select(NewEvent.From).ToArray());

    private static MoneyDeposited Deposit(string account, decimal amount) => new(account, amount, "r", "d", T0);

    private static IdempotencyRecord Record(string id) => new(id, "DepositMoneyCommand", "hash-" + id, "{}");
}
