using Ledger.Infrastructure.Application.Notifications;
using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure.Tests.Snapshots;

public sealed class SnapshotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task LoadWithSnapshots_EqualsFullReplay_OverRandomCommandSequences(int seed)
    {
        await using var ledger = await TestLedger.StartAsync(o => o.SnapshotInterval = 5);
        var random = new Random(seed);
        var ids = new[] { "A", "B", "C" };
        foreach (var id in ids)
        {
            await ledger.Mediator.Send(new OpenAccountCommand(id, "h", null, "EUR", random.Next(0, 100)));
        }

        for (var i = 0; i < 150; i++)
        {
            var id = ids[random.Next(ids.Length)];
            var amount = random.Next(1, 5000) / 100m;
            object command = random.Next(3) switch
            {
                0 => new DepositMoneyCommand(id, amount, $"d{i}"),
                1 => new WithdrawMoneyCommand(id, amount, $"w{i}"),
                _ => new TransferMoneyCommand(null, id, ids[(Array.IndexOf(ids, id) + 1) % ids.Length], amount),
            };
            try
            {
                await ledger.Mediator.Send(command);
            }
            catch (DomainException e) when (e.Code == ErrorCodes.InsufficientFunds)
            {
            }
        }

        await using var db = await ledger.DbAsync();
        Assert.True(await db.Snapshots.CountAsync() >= 3, $"seed {seed}: expected snapshots to have been taken");
        // A restarted process has nothing cached: its loads go through the snapshot and the tail after it.
        await using var restarted = await TestLedger.StartAsync(database: ledger.Database.Borrow());
        foreach (var id in ids)
        {
            var replayed = await ledger.Get<AccountLoader>().ReplayAsync(id, default);
            Assert.True(replayed == await ledger.Get<AccountLoader>().LoadAsync(id, default), $"seed {seed}, account {id}, cached");
            Assert.True(replayed == await restarted.Get<AccountLoader>().LoadAsync(id, default), $"seed {seed}, account {id}, from snapshot");
        }
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"accountId":"A","version":999}""")]
    public async Task CorruptSnapshot_FallsBackToFullReplay(string state)
    {
        await using var ledger = await TestLedger.StartAsync(o => o.SnapshotInterval = 2);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));
        await using (var db = await ledger.DbAsync())
        {
            Assert.Equal(1, await db.Snapshots.ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state)));
        }

        await using var restarted = await TestLedger.StartAsync(database: ledger.Database.Borrow());
        var loaded = await restarted.Get<AccountLoader>().LoadAsync("A", default);

        Assert.Equal(15m, loaded!.Balance);
        Assert.Equal(2, loaded.Version);
        var next = await restarted.Mediator.Send(new DepositMoneyCommand("A", 1m, "r2"));
        Assert.Equal(16m, next.Balance);
    }

    [Fact]
    public async Task CommitsPublishedTogether_SnapshotTheStateOfTheOneThatCrossedTheInterval()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.SnapshotInterval = 3);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, "r1"));
        var stream = Account.StreamId("A");
        var third = await ledger.AppendUnpublishedAsync([Deposit(2, 2m)], new EventMetadata("c", "third", "test"));
        var fourth = await ledger.AppendUnpublishedAsync([Deposit(3, 3m)], new EventMetadata("c", "fourth", "test"));
        var history = await ledger.Get<IEventStore>().ReadStreamAsync(stream, 1, CancellationToken.None);
        var atThree = Account.Fold(history.Take(3))!;
        var atFour = Account.Fold(history)!;

        // Two commits in one notification, as PostgreSQL's delivery queue publishes commits that queued behind a delivery.
        await ledger.Get<IPublisher>().Publish(new EventsAppended([.. third, .. fourth], [atThree, atFour]));

        var snapshot = await ledger.Get<SnapshotStore>().LoadAsync(stream, CancellationToken.None);
        Assert.Equal(3, snapshot?.Version);
    }

    private static StreamAppend Deposit(long after, decimal amount) =>
        new(Account.StreamId("A"), ExpectedVersion.Exactly(after), [NewEvent.From(new MoneyDeposited("A", amount, "r", "d", DateTimeOffset.UtcNow))]);

    [Fact]
    public async Task SnapshotOfAnotherSchemaVersion_IsIgnored()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.SnapshotInterval = 2);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));
        await using (var db = await ledger.DbAsync())
        {
            // A plausible-looking but stale state under an old schema number must not be trusted.
            await db.Snapshots.ExecuteUpdateAsync(s => s.SetProperty(x => x.SchemaVersion, 0).SetProperty(x => x.State, x => x.State.Replace("15", "999")));
        }

        await using var restarted = await TestLedger.StartAsync(database: ledger.Database.Borrow());
        Assert.Equal(15m, (await restarted.Get<AccountLoader>().LoadAsync("A", default))!.Balance);
    }

    [Fact]
    public async Task FailedSnapshotWrite_NeverFailsTheCommand()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.SnapshotInterval = 2);
        await using (var db = await ledger.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(ledger.Database.RefuseInsertsSql("snapshots", "disk says no"));
        }

        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        var result = await ledger.Mediator.Send(new DepositMoneyCommand("A", 5m, "r"));

        Assert.Equal(2, result.Version);
        await using var check = await ledger.DbAsync();
        Assert.Equal(0, await check.Snapshots.CountAsync());
        Assert.Equal(2, await check.Events.CountAsync());
    }
}
