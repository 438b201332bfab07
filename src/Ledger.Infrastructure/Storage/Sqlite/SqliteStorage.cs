namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>Registers SQLite as a storage engine: its engine, and EF Core's contexts over the same file and pragmas.</summary>
internal static class SqliteStorage
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddSingleton<SqliteEngine>();
        services.AddPooledDbContextFactory<SqliteLedgerDbContext>((provider, builder) =>
        {
            var engine = provider.GetRequiredService<SqliteEngine>();
            builder
                .UseSqlite(engine.ConnectionString)
                .AddInterceptors(new SqliteConnectionSetup(engine.Pragmas))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });
        return services;
    }
}
