using System.Data.Common;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Projections;
using Ledger.Infrastructure.Storage.Sql;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.TestSupport;

/// <summary>
/// A real Ledger in this process: the production <c>AddLedger</c> wiring over a test database, migrated,
/// with no hosted services running (a test drives catch-up itself when it wants it). Start another on
/// <see cref="Database"/>'s <see cref="TestDatabase.Borrow"/> to play a second process or a restart: it
/// has its own write lock and caches, so races between the two are decided by the database alone.
/// </summary>
public sealed class TestLedger : IAsyncDisposable
{
    static TestLedger()
    {
        // Database calls block their thread, and suites run writers by the dozen on two cores: without a
        // floor the pool grows slowly and starves every other continuation (a 50 ms reader, a timeout).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 96), io);
    }

    private TestLedger(ServiceProvider services, TestDatabase database)
    {
        Services = services;
        Database = database;
    }

    /// <summary>
    /// Durability for tests: NORMAL unless <c>LEDGER_SYNC</c> says otherwise. In WAL mode NORMAL loses
    /// nothing on a process crash (only on power loss), and nothing here pulls the power; it saves one
    /// fsync per command, which on this disk is most of a command's cost.
    /// </summary>
    public static string Synchronous { get; } = Environment.GetEnvironmentVariable("LEDGER_SYNC") is { Length: > 0 } value ? value : "NORMAL";

    public ServiceProvider Services { get; }

    public TestDatabase Database { get; }

    /// <summary>The SQLite file; only for SQLite-only checks that read it with SQL of their own.</summary>
    public string DatabasePath => (Database as SqliteTestDatabase)?.Path
        ?? throw new InvalidOperationException($"DatabasePath is a SQLite file; this ledger runs on {Database.Provider}.");

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="configure">Options on top of the test defaults.</param>
    /// <param name="database">The database to use; a new one of the suite's engine (removed afterwards) when null.</param>
    /// <param name="time">A clock to use instead of the system's.</param>
    /// <param name="services">Replacements registered after the production services (test doubles).</param>
    public static async Task<TestLedger> StartAsync(
        Action<LedgerOptions>? configure = null,
        TestDatabase? database = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var created = database is null;
        database ??= await TestDatabase.NewAsync();
        var collection = new ServiceCollection();
        AddLedger(collection, database, configure);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        try
        {
            await LedgerDatabase.InitializeAsync(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            if (created)
            {
                await database.DisposeAsync();
            }

            throw;
        }

        return new TestLedger(provider, database);
    }

    /// <summary>The production registration over <paramref name="database"/> with the test defaults; for hosts that bring their own container (bUnit).</summary>
    public static IServiceCollection AddLedger(IServiceCollection services, TestDatabase database, Action<LedgerOptions>? configure = null) =>
        services
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddLedger(o =>
            {
                database.Configure(o);
                o.Synchronous = Synchronous;
                // Each ledger here plays a process that applies its own projections (no hosted services elect one).
                o.ElectProjectionLeader = false;
                // Suites here read the projection tables with SQL of their own right after a command; the
                // production default (answer once durable, reads wait) has its own tests (ReadFenceTests).
                o.AnswerAfterProjections = true;
                configure?.Invoke(o);
            });

    public async Task<LedgerDbContext> DbAsync() => await Get<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();

    public async Task<long> EventCountAsync()
    {
        await using var db = await DbAsync();
        return await db.Events.LongCountAsync();
    }

    /// <summary>Applies anything the projections have not applied yet (what the catch-up service does).</summary>
    public async Task CatchUpAsync()
    {
        var runner = Get<ProjectionRunner>();
        foreach (var projection in runner.Projections)
        {
            await runner.CatchUpAsync(projection, CancellationToken.None);
        }
    }

    /// <summary>
    /// Appends straight to the store and publishes nothing: what a process leaves behind when it commits
    /// and dies before its projections hear of it.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendUnpublishedAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata)
    {
        await using var session = await Get<IEventStore>().BeginWritingAsync(CancellationToken.None);
        return await session.AppendAsync(appends, metadata, null, CancellationToken.None);
    }

    /// <summary>Inserts one event row with plain SQL, as another program (or a newer Ledger) might (see <see cref="RawEvents"/>).</summary>
    public Task<long> InsertRawEventAsync(string accountId, long version, string type, int schemaVersion, string data, DateTimeOffset? occurredAt = null) =>
        RawEvents.InsertAsync(Services, accountId, version, type, schemaVersion, data, occurredAt);

    /// <summary>Every stored event after <paramref name="afterPosition"/>, in position order, as the projections read them.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int limit = int.MaxValue)
    {
        var engine = Get<SqlEngine>();
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);
        return await EventRows.ReadAfterAsync(engine, connection, null, afterPosition, limit, CancellationToken.None);
    }

    /// <summary>
    /// Waits until the projections reflect every command this ledger has answered: where answers do not wait
    /// for them (<see cref="LedgerOptions.AnswerAfterProjections"/> off), what a read through the app would do.
    /// </summary>
    public Task SettleAsync() => Get<ReadFence>().WaitForAnsweredAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Lets the last deliveries finish rather than cutting them off (catch-up would repair it; this is quieter).
            await SettleAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The database is gone (a test took it away): nothing to wait for.
        }

        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
