using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sqlite;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Tests;

/// <summary>
/// A real Ledger over a fresh temporary SQLite file. Start a second one on the same file to play a
/// second process or a restart.
/// </summary>
public sealed class TestLedger : IAsyncDisposable
{
    private readonly bool ownsFile;

    private TestLedger(ServiceProvider services, string path, bool ownsFile)
    {
        Services = services;
        DatabasePath = path;
        this.ownsFile = ownsFile;
    }

    public ServiceProvider Services { get; }

    public string DatabasePath { get; }

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestLedger> StartAsync(
        Action<LedgerOptions>? configure = null,
        string? path = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var ownsFile = path is null;
        path ??= Path.Combine(Path.GetTempPath(), $"ledger-test-{Guid.NewGuid():N}.db");
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddLedger(o =>
            {
                o.DatabasePath = path;
                configure?.Invoke(o);
            });
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        await LedgerDatabase.InitializeAsync(provider);
        return new TestLedger(provider, path, ownsFile);
    }

    public async Task<LedgerDbContext> DbAsync() => await Get<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();

    public async Task<long> EventCountAsync()
    {
        await using var db = await DbAsync();
        return await db.Events.LongCountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ownsFile)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(DatabasePath + suffix);
                }
                catch (IOException)
                {
                    // A pooled handle may still be closing; the OS temp folder cleans up eventually.
                }
            }
        }
    }
}
