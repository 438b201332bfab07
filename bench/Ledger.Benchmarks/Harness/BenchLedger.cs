using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Sqlite;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// The real Ledger services (AddLedger, migrations, pragmas) over one SQLite file, hosted the way the
/// infrastructure tests host them. Hosted services (the catch-up loop) are not started, so nothing
/// runs in the background of a measurement.
/// </summary>
public sealed class BenchLedger : IAsyncDisposable
{
    private BenchLedger(ServiceProvider services, string path)
    {
        Services = services;
        DatabasePath = path;
    }

    public ServiceProvider Services { get; }

    public string DatabasePath { get; }

    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<BenchLedger> StartAsync(string path, Action<LedgerOptions>? configure = null)
    {
        var provider = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLedger(o =>
            {
                o.DatabasePath = path;
                configure?.Invoke(o);
            })
            .BuildServiceProvider();
        await LedgerDatabase.InitializeAsync(provider);
        return new BenchLedger(provider, path);
    }

    public async Task<LedgerDbContext> DbAsync() => await Get<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
