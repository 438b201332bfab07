using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>Registers PostgreSQL as a storage engine: its engine, and EF Core's contexts over the engine's connections.</summary>
internal static class PostgresStorage
{
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddSingleton<PostgresEngine>();
        services.AddPooledDbContextFactory<PostgresLedgerDbContext>((provider, builder) =>
        {
            builder
                .UseNpgsql(provider.GetRequiredService<PostgresEngine>().Reads)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new CaseInsensitiveLike());
        });
        return services;
    }
}
