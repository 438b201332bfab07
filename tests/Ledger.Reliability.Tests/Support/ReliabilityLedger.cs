using Ledger.Infrastructure;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Projections;
using Ledger.Infrastructure.Storage.Sqlite;
using Ledger.TestSupport;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// A real Ledger (the production <c>AddLedger</c> wiring) over a temporary SQLite file, with the event
/// store wrapped in a <see cref="CountingEventStore"/>. Start a second one on the same file to play a
/// second process: it has its own write gate, so races between the two are decided by SQLite alone.
/// </summary>
public sealed class ReliabilityLedger : IAsyncDisposable
{
    private readonly bool ownsFile;

    private ReliabilityLedger(ServiceProvider services, string path, bool ownsFile)
    {
        Services = services;
        DatabasePath = path;
        this.ownsFile = ownsFile;
    }

    /// <summary>
    /// SQLite <c>synchronous</c> for these tests: NORMAL unless <c>LEDGER_SYNC</c> says otherwise. In WAL
    /// mode NORMAL loses nothing on a process crash (only on power loss), and nothing here pulls the
    /// power; what it saves is one fsync per command, which on this disk is most of a command's cost.
    /// </summary>
    public static string Synchronous { get; } = Environment.GetEnvironmentVariable("LEDGER_SYNC") is { Length: > 0 } value ? value : "NORMAL";

    public ServiceProvider Services { get; }

    public string DatabasePath { get; }

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    public CountingEventStore Store => Services.GetRequiredService<CountingEventStore>();

    public LedgerMetrics Metrics => Services.GetRequiredService<LedgerMetrics>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static string NewDatabasePath() => TempDatabase.NewPath("ledger-rel");

    public static async Task<ReliabilityLedger> StartAsync(Action<LedgerOptions>? configure = null, string? path = null)
    {
        // SQLite calls block their thread (and, across two providers on one file, wait out each other's
        // write lock). With 32 workers on two cores the pool would otherwise grow slowly and starve
        // every other continuation, the 50 ms balance reader included.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 96)
        {
            ThreadPool.SetMinThreads(96, io);
        }

        var ownsFile = path is null;
        path ??= NewDatabasePath();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Error))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLedger(o =>
            {
                o.DatabasePath = path;
                o.Synchronous = Synchronous;
                configure?.Invoke(o);
            });
        collection.AddSingleton<SqliteEventStore>();
        collection.AddSingleton<CountingEventStore>();
        collection.AddSingleton<IEventStore>(sp => sp.GetRequiredService<CountingEventStore>());
        var provider = collection.BuildServiceProvider();
        await LedgerDatabase.InitializeAsync(provider);
        return new ReliabilityLedger(provider, path, ownsFile);
    }

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

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ownsFile)
        {
            TempDatabase.Delete(DatabasePath);
        }
    }
}
