using Mediator;
using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>
/// Opens a ledger that is not the running one (a fresh backup, a restored copy, a database named on the
/// command line) to ask it the usual queries.
/// </summary>
internal static class LedgerFile
{
    /// <summary>A ledger's services over the database <paramref name="database"/> names, with nothing running in the background.</summary>
    public static ServiceProvider Open(Action<LedgerOptions> database) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLedger(database)
            .BuildServiceProvider();

    public static Task<EventsFingerprint> FingerprintAsync(string path, CancellationToken cancellationToken) =>
        FingerprintAsync(o => o.DatabasePath = path, cancellationToken);

    public static async Task<EventsFingerprint> FingerprintAsync(Action<LedgerOptions> database, CancellationToken cancellationToken)
    {
        var services = Open(database);
        try
        {
            return await services.GetRequiredService<IMediator>().Send(new GetEventsFingerprintQuery(), cancellationToken);
        }
        finally
        {
            await services.DisposeAsync();
            // Pooled connections would keep the file open (and on Windows, locked) after we are done with it.
            SqliteConnection.ClearAllPools();
        }
    }
}
