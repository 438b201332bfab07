using Ledger.Infrastructure;
using Ledger.Infrastructure.Application.Queries;
using Mediator;
using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>Asks a ledger file that is not the running one (a fresh backup, a restored copy) through the usual queries.</summary>
internal static class LedgerFile
{
    public static async Task<EventsFingerprint> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLedger(o => o.DatabasePath = path)
            .BuildServiceProvider();
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
