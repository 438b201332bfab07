using Ledger.Infrastructure.Application.Access;
using Ledger.Infrastructure.Application.Pipeline;
using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Projections;
using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Everything behind the mediator: the storage engine, event store, snapshots, projections and their
    /// catch-up service. It needs only its options: the caller binds configuration into them if it has any.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, Action<LedgerOptions> configure)
    {
        services.AddOptions<LedgerOptions>().Configure(configure);
        services.AddStorageEngines();

        services.AddMetrics();
        services.AddSingleton<TimeProvider>(sp => new LedgerClock(StorageEngines.Clock(sp)));
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<EventAppender>();
        services.AddSingleton<IEventStore, SqlEventStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<AccountStateCache>();
        services.AddSingleton<AccountLoader>();
        services.AddSingleton<CommandIdempotency>();
        services.AddSingleton<CommandWriter>();
        services.AddSingleton<AccountCurrencies>();
        services.AddSingleton<AccountBalancesProjection>();
        services.AddSingleton<AccountLedgerProjection>();
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<AccountBalancesProjection>());
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<AccountLedgerProjection>());
        services.AddSingleton<ProjectionWorkspace>();
        services.AddSingleton<Quarantine>();
        services.AddSingleton<ProjectionRunner>();
        services.AddSingleton<ProjectionRebuilder>();
        services.AddSingleton<ReadModelNotifier>();
        services.AddSingleton<ProjectionLeadership>();
        services.AddSingleton<ProjectionProgress>();
        services.AddSingleton<ReadFence>();
        services.AddSingleton<WakeUps>();
        services.AddSingleton<AccessGate>();
        services.AddHostedService<CatchUpService>();
        services.AddHostedService<PostgresCoordinator>();
        services.AddHostedService<RemoteProjectionWatch>();
        services.AddHostedService<UnreadableEventsReport>();

        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors =
            [
                typeof(CommandMetricsBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(StorageFaultBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(ReadYourWritesBehavior<,>),
                typeof(ReadFenceBehavior<,>),
                typeof(ConcurrencyRetryBehavior<,>),
            ];
        });
        return services;
    }
}
