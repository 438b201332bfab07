using System.Data.Common;

namespace Ledger.Infrastructure.Tests.EventStore;

public sealed class EventStoreContractTests : LedgerTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly EventMetadata Meta = new("corr", "cmd", "test");

    private IEventStore Store => Ledger.Get<IEventStore>();

    [Fact]
    public async Task Append_ToNewStream_AssignsVersionsFromOne_AndIncreasingPositions()
    {
        var stored = await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"), Deposit("A", 5))], Meta, null, default);

        Assert.Equal([1L, 2L], stored.Select(e => e.StreamVersion));
        Assert.True(stored[1].Position > stored[0].Position);
        Assert.Equal(2, await Store.StreamVersionAsync("BankAccount-A", default));
    }

    [Fact]
    public async Task Append_WithNoStream_WhenStreamExists_FailsWithBothVersions_AndWritesNothing()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default));

        Assert.Equal(0, error.Expected.Value);
        Assert.Equal(1, error.ActualVersion);
        Assert.Equal(1, await Ledger.EventCountAsync());
    }

    [Fact]
    public async Task Append_WithStaleExactVersion_Fails()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"), Deposit("A", 1))], Meta, null, default);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            AppendAsync([Append("A", ExpectedVersion.Exactly(1), Deposit("A", 2))], Meta, null, default));

        Assert.Equal(1, error.Expected.Value);
        Assert.Equal(2, error.ActualVersion);
    }

    [Fact]
    public async Task Append_WithVersionAheadOfStream_IsRefusedByTheDatabase_NotLeftWithAGap()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            AppendAsync([Append("A", ExpectedVersion.Exactly(5), Deposit("A", 2))], Meta, null, default));

        Assert.Equal(1, error.ActualVersion);
        Assert.Equal(1, await Ledger.EventCountAsync());
    }

    [Fact]
    public async Task Append_WithAny_AppendsAfterWhateverIsThere()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);
        var stored = await AppendAsync([Append("A", ExpectedVersion.Any, Deposit("A", 3))], Meta, null, default);

        Assert.Equal(2, stored.Single().StreamVersion);
    }

    [Fact]
    public async Task MultiStreamAppend_IsAtomic_WhenOneStreamConflicts_NothingCommits()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A")), Append("B", ExpectedVersion.NoStream, Opened("B"))], Meta, null, default);

        await Assert.ThrowsAsync<ConcurrencyException>(() => AppendAsync(
            [Append("A", ExpectedVersion.Exactly(1), Deposit("A", 1)), Append("B", ExpectedVersion.Exactly(7), Deposit("B", 1))],
            Meta, null, default));

        Assert.Equal(2, await Ledger.EventCountAsync());
        Assert.Equal(1, await Store.StreamVersionAsync("BankAccount-A", default));
    }

    [Fact]
    public async Task ReadStream_FromVersion_ReturnsThatVersionOnwards_InOrder()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"), Deposit("A", 1), Deposit("A", 2), Deposit("A", 3))], Meta, null, default);

        var events = await Store.ReadStreamAsync("BankAccount-A", 3, default);

        Assert.Equal([2m, 3m], events.Select(e => ((MoneyDeposited)e).Amount));
        var stored = await Ledger.Mediator.Send(new GetAccountEventsQuery("A", FromVersion: 3));
        Assert.Equal([3L, 4L], stored.Items.Select(e => e.Version));
        Assert.Equal(new EventMetadataView(Meta.CorrelationId, Meta.CausationId, Meta.Actor), stored.Items[0].Metadata);
    }

    [Fact]
    public async Task ReadAll_ReturnsEveryStream_InGlobalCommitOrder()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);
        await AppendAsync([Append("B", ExpectedVersion.NoStream, Opened("B"))], Meta, null, default);
        await AppendAsync([Append("A", ExpectedVersion.Exactly(1), Deposit("A", 1))], Meta, null, default);

        var all = (await Ledger.Mediator.Send(new GetEventFeedQuery(0, 100))).Items;

        Assert.Equal(["BankAccount-A", "BankAccount-B", "BankAccount-A"], all.Select(e => e.StreamId));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal([all[2].EventId], (await Ledger.Mediator.Send(new GetEventFeedQuery(all[1].Position, 100))).Items.Select(e => e.EventId));
    }

    [Fact]
    public async Task AWriteSession_IsThisProcesssOnlyWriter_UntilDisposed()
    {
        var first = await Store.BeginWritingAsync(default);
        var second = Store.BeginWritingAsync(default);

        await first.AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(30));
        await next.AppendAsync([Append("A", ExpectedVersion.Exactly(1), Deposit("A", 1))], Meta, null, default);
        Assert.Equal(2, await Store.StreamVersionAsync("BankAccount-A", default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.AppendAsync([Append("B", ExpectedVersion.NoStream, Opened("B"))], Meta, null, default));
    }

    [Fact]
    public async Task EventIds_AreUnique()
    {
        var duplicate = Guid.NewGuid();
        await AppendAsync([new StreamAppend("BankAccount-A", ExpectedVersion.NoStream, [new NewEvent(duplicate, Opened("A"))])], Meta, null, default);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => AppendAsync(
            [new StreamAppend("BankAccount-B", ExpectedVersion.NoStream, [new NewEvent(duplicate, Opened("B"))])], Meta, null, default));
        Assert.Contains("event_id", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Ledger.EventCountAsync());
    }

    [Theory]
    [InlineData("UPDATE events SET event_type = 'Tampered'")]
    [InlineData("DELETE FROM events")]
    public async Task EventsTable_RefusesUpdatesAndDeletes(string sql)
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);
        await using var db = await Ledger.DbAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Ledger.EventCountAsync());
    }

    [Fact]
    public async Task OccurredAt_RoundTripsExactly_ToTheEnginesResolution()
    {
        // The finest instant the engine stores (100 ns on SQLite, 1 µs on PostgreSQL), with every digit used.
        var resolution = Ledger.Database.InstantResolution.Ticks;
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567 / resolution * resolution);
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A") with { OccurredAt = at })], Meta, null, default);

        var read = await Store.ReadStreamAsync("BankAccount-A", 1, default);
        var stored = await Ledger.Mediator.Send(new GetAccountEventsQuery("A"));

        Assert.Equal(at, read[0].OccurredAt);
        Assert.Equal(at, stored.Items[0].OccurredAt);
    }

    [Fact]
    public async Task HeadPosition_EqualsEventCount_EvenAfterRejectedAppends()
    {
        await AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default);
        await Assert.ThrowsAsync<ConcurrencyException>(() => AppendAsync([Append("A", ExpectedVersion.NoStream, Opened("A"))], Meta, null, default));
        await AppendAsync([Append("B", ExpectedVersion.NoStream, Opened("B"))], Meta, null, default);

        await using var db = await Ledger.DbAsync();
        Assert.Equal(await Ledger.EventCountAsync(), await db.HeadPositionAsync(default));
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken)
    {
        await using var session = await Store.BeginWritingAsync(cancellationToken);
        return await session.AppendAsync(appends, metadata, command, cancellationToken);
    }

    private static StreamAppend Append(string account, ExpectedVersion expected, params IAccountEvent[] events) =>
        new(Account.StreamId(account), expected, events.Select(NewEvent.From).ToArray());

    private static AccountOpened Opened(string id) => new(id, "holder-" + id, "Holder " + id, "EUR", 10m, T0);

    private static MoneyDeposited Deposit(string id, decimal amount) => new(id, amount, "ref", "Deposit", T0.AddMinutes(1));
}
