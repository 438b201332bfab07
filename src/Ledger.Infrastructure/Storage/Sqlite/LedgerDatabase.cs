using Ledger.Infrastructure.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>Creates the folder, applies pending migrations and turns on WAL before anything else runs.</summary>
public static class LedgerDatabase
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<LedgerOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LedgerDatabase));
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(SqliteDialect.EnableWal, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Ledger database: {Path} (synchronous={Synchronous})", Path.GetFullPath(options.DatabasePath), options.SynchronousPragmaValue());
    }
}
