using Ledger.Infrastructure.Commands;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.EventStore;
using Ledger.Infrastructure.Persistence;
using Ledger.Infrastructure.Pipeline;
using Ledger.Infrastructure.Projections;
using Ledger.Infrastructure.Snapshots;
using Mediator;
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
