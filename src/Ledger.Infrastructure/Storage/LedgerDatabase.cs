namespace Ledger.Infrastructure.Storage;

/// <summary>Brings the configured database up to date (its engine's preparation, then pending migrations) before anything else runs.</summary>
public static class LedgerDatabase
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var engine = services.GetRequiredService<SqlEngine>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LedgerDatabase));
        await using var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(cancellationToken);
        await engine.PrepareDatabaseAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Ledger database: {Database}", engine.Describe());
    }
}
