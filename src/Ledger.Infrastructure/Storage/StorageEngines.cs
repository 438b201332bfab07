using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Sqlite;

namespace Ledger.Infrastructure.Storage;

/// <summary>
/// Registers both engines and hands out the one <see cref="LedgerOptions.Provider"/> names. The choice is
/// made when the engine is first needed, because hosts bind their options late (a test host's settings
/// arrive after <c>AddLedger</c>); the engine not chosen is never constructed.
/// </summary>
internal static class StorageEngines
{
    public static IServiceCollection AddStorageEngines(this IServiceCollection services)
    {
        services.AddSqliteStorage();
        services.AddPostgresStorage();
        services.AddSingleton<SqlEngine>(sp => UsesPostgres(sp) ? sp.GetRequiredService<PostgresEngine>() : sp.GetRequiredService<SqliteEngine>());
        services.AddSingleton<IDbContextFactory<LedgerDbContext>, ChosenContexts>();
        return services;
    }

    /// <summary>The clock commands read, at the resolution the engine stores.</summary>
    public static TimeProvider Clock(IServiceProvider services) =>
        UsesPostgres(services) ? new MicrosecondClock(TimeProvider.System) : TimeProvider.System;

    private static bool UsesPostgres(IServiceProvider services) => services.GetRequiredService<IOptions<LedgerOptions>>().Value.UsesPostgres();

    /// <summary>The chosen engine's EF Core contexts, wherever the code asks for a <see cref="LedgerDbContext"/>.</summary>
    private sealed class ChosenContexts(IServiceProvider services) : IDbContextFactory<LedgerDbContext>
    {
        private readonly IDbContextFactory<LedgerDbContext> inner = UsesPostgres(services)
            ? new LedgerContexts<PostgresLedgerDbContext>(services.GetRequiredService<IDbContextFactory<PostgresLedgerDbContext>>())
            : new LedgerContexts<SqliteLedgerDbContext>(services.GetRequiredService<IDbContextFactory<SqliteLedgerDbContext>>());

        public LedgerDbContext CreateDbContext() => inner.CreateDbContext();

        public Task<LedgerDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => inner.CreateDbContextAsync(cancellationToken);
    }
}
