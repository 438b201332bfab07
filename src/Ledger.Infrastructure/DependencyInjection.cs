using Ledger.Infrastructure.Application.Pipeline;
using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Projections;
using Ledger.Infrastructure.Storage.Snapshots;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Everything behind the mediator: event store, snapshots, projections and their catch-up service.
    /// Options come from the "Ledger" configuration section, then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, Action<LedgerOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddSingleton<SqliteConnections>();
        services.AddPooledDbContextFactory<LedgerDbContext>((provider, builder) =>
        {
            var connections = provider.GetRequiredService<SqliteConnections>();
            builder
                .UseSqlite(connections.ConnectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(connections.Pragmas))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });

        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new LedgerClock(TimeProvider.System));
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<EventAppender>();
        services.AddSingleton<IEventStore, SqliteEventStore>();
        services.AddSingleton<AccountStateCache>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<AccountLoader>();
        services.AddSingleton<CommandExecutor>();
        services.AddSingleton<AccountCurrencies>();
        services.AddSingleton<AccountBalancesProjection>();
        services.AddSingleton<AccountLedgerProjection>();
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<AccountBalancesProjection>());
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<AccountLedgerProjection>());
        services.AddSingleton<ProjectionRunner>();
        services.AddSingleton<ReadModelNotifier>();
        services.AddHostedService<CatchUpService>();

        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors =
            [
                typeof(CommandMetricsBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(ConcurrencyRetryBehavior<,>),
            ];
        });
        return services;
    }
}
