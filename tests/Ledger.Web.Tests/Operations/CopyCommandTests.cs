using Ledger.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Web.Tests.Operations;

/// <summary>
/// Issue 13, "moving a ledger": <c>copy</c> from a SQLite file into an empty PostgreSQL database (and back)
/// keeps every event and command record exactly, proves it with equal content hashes, and never half-does it.
/// </summary>
public sealed class CopyCommandTests
{
    [SkippableFact]
    public async Task Copy_ToPostgres_KeepsEveryEventAndRecord_ProvesItByHash_AndTheCopyWorks()
    {
        await using var databases = await Databases.CreateAsync();
        var (sqlite, postgres, before) = databases;

        var (code, output, error) = await CopyAsync("--db", sqlite.Path, "--postgres", postgres.ConnectionString);

        Assert.True(code == 0, error);
        Assert.Contains("copied: equal", output, StringComparison.Ordinal);
        Assert.Equal(before.ContentHash, Fact(output, "source-hash"));
        Assert.Equal(before.ContentHash, Fact(output, "target-hash"));
        await using (var source = await TestLedger.StartAsync(database: sqlite.Borrow()))
        {
            Assert.Equal(before, await source.Mediator.Send(new GetEventsFingerprintQuery()));
        }

        await using var copy = await TestLedger.StartAsync(database: postgres.Borrow());
        Assert.Equal(120.5m, (await copy.Mediator.Send(new GetAccountQuery("C-A")))!.Balance);
        Assert.Equal(80m, (await copy.Mediator.Send(new GetAccountQuery("C-B")))!.Balance);
        var feed = await copy.Mediator.Send(new GetEventFeedQuery(0, 100));
        Assert.Equal(Enumerable.Range(1, (int)before.EventCount).Select(p => (long)p), feed.Items.Select(e => e.Position));
        // The command records came too: a resend is answered, a refused id keeps its refusal, a transfer id stays taken.
        Assert.True((await copy.Mediator.Send(new DepositMoneyCommand("C-A", 40.5m, "k") { CommandId = "key-1" })).Replayed);
        var refused = await Assert.ThrowsAsync<CommandRefusedException>(async () => await copy.Mediator.Send(new WithdrawMoneyCommand("C-B", 1_000m, "no") { CommandId = "key-refused" }));
        Assert.True(refused.Replayed);
        Assert.True((await copy.Mediator.Send(new TransferMoneyCommand("T-1", "C-A", "C-B", 20m))).Replayed);
        Assert.Equal(before.EventCount, await copy.EventCountAsync());
    }

    [SkippableFact]
    public async Task Copy_BackToSqlite_GivesTheSameEvents()
    {
        await using var databases = await Databases.CreateAsync();
        var (sqlite, postgres, before) = databases;
        await CopyAsync("--db", sqlite.Path, "--postgres", postgres.ConnectionString);
        await using var back = TestDatabase.NewSqlite("ledger-copy-back");

        var (code, output, error) = await CopyAsync("--db", back.Path, "--postgres", postgres.ConnectionString, "--to-sqlite");

        Assert.True(code == 0, error);
        Assert.Equal(before.ContentHash, Fact(output, "target-hash"));
        await using var ledger = await TestLedger.StartAsync(database: back.Borrow());
        Assert.Equal(120.5m, (await ledger.Mediator.Send(new GetAccountQuery("C-A")))!.Balance);
    }

    [SkippableFact]
    public async Task Copy_IntoADatabaseWithOtherEvents_IsRefused_AndChangesNothing_ButRunningItAgainIsHarmless()
    {
        await using var databases = await Databases.CreateAsync();
        var (sqlite, postgres, _) = databases;
        await using (var other = await TestLedger.StartAsync(database: postgres.Borrow()))
        {
            await other.Mediator.Send(new OpenAccountCommand("OTHER", "h", null, "EUR", 1m));
        }

        var (code, _, error) = await CopyAsync("--db", sqlite.Path, "--postgres", postgres.ConnectionString);

        Assert.Equal(OperationsCli.Failed, code);
        Assert.Contains("not this ledger's", error, StringComparison.Ordinal);
        await using var target = await TestLedger.StartAsync(database: postgres.Borrow());
        Assert.Equal(1, await target.EventCountAsync());

        await using var empty = await PostgresTestDatabase.CreateAsync("ledger-copy");
        await CopyAsync("--db", sqlite.Path, "--postgres", empty.ConnectionString);
        var (again, output, _) = await CopyAsync("--db", sqlite.Path, "--postgres", empty.ConnectionString);
        Assert.Equal(0, again);
        Assert.Contains("already copied", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Copy_ThatFailsHalfWay_LeavesTheTargetEmpty()
    {
        await using var databases = await Databases.CreateAsync();
        var (sqlite, postgres, _) = databases;
        await using (var target = await TestLedger.StartAsync(database: postgres.Borrow()))
        await using (var db = await target.DbAsync())
        {
            // The command records come after every event: refusing them fails the copy at its very end.
            await db.Database.ExecuteSqlRawAsync(postgres.RefuseInsertsSql("processed_commands", "disk full"));
        }

        var (code, _, error) = await CopyAsync("--db", sqlite.Path, "--postgres", postgres.ConnectionString);

        Assert.Equal(OperationsCli.Failed, code);
        Assert.Contains("disk full", error, StringComparison.Ordinal);
        await using var after = await TestLedger.StartAsync(database: postgres.Borrow());
        Assert.Equal(0, await after.EventCountAsync());
    }

    /// <summary>Accounts, money moved, a refusal under a key, a transfer under the caller's id; the fingerprint after it.</summary>
    /// <summary>A SQLite ledger with a history, its fingerprint before the copy, and an empty PostgreSQL database to copy it into.</summary>
    private sealed class Databases(SqliteTestDatabase sqlite, PostgresTestDatabase postgres) : IAsyncDisposable
    {
        private EventsFingerprint before = null!;

        public static async Task<Databases> CreateAsync()
        {
            var postgres = await PostgresTestDatabase.CreateAsync("ledger-copy");
            var sqlite = TestDatabase.NewSqlite("ledger-copy");
            var databases = new Databases(sqlite, postgres);
            try
            {
                databases.before = await WriteHistoryAsync(sqlite);
                return databases;
            }
            catch
            {
                await databases.DisposeAsync();
                throw;
            }
        }

        public void Deconstruct(out SqliteTestDatabase sqliteDatabase, out PostgresTestDatabase postgresDatabase, out EventsFingerprint fingerprint) =>
            (sqliteDatabase, postgresDatabase, fingerprint) = (sqlite, postgres, before);

        public async ValueTask DisposeAsync()
        {
            await postgres.DisposeAsync();
            await sqlite.DisposeAsync();
        }
    }

    private static async Task<EventsFingerprint> WriteHistoryAsync(SqliteTestDatabase database)
    {
        await using var ledger = await TestLedger.StartAsync(database: database.Borrow());
        await ledger.Mediator.Send(new OpenAccountCommand("C-A", "h", "Ann", "EUR", 100m));
        await ledger.Mediator.Send(new OpenAccountCommand("C-B", "h", "Bob", "EUR", 60m));
        await ledger.Mediator.Send(new DepositMoneyCommand("C-A", 40.5m, "k") { CommandId = "key-1" });
        await ledger.Mediator.Send(new TransferMoneyCommand("T-1", "C-A", "C-B", 20m));
        await Assert.ThrowsAnyAsync<Ledger.Domain.DomainException>(async () => await ledger.Mediator.Send(new WithdrawMoneyCommand("C-B", 1_000m, "no") { CommandId = "key-refused" }));
        return await ledger.Mediator.Send(new GetEventsFingerprintQuery());
    }

    /// <summary>The value of a <c>name: value</c> line the command printed.</summary>
    private static string Fact(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static async Task<(int Code, string Output, string Error)> CopyAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperationsCli.RunAsync(["copy", .. args], output, error);
        return (code ?? -1, output.ToString(), error.ToString());
    }
}
