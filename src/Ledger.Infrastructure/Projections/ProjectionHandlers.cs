using Mediator;

namespace Ledger.Infrastructure.Projections;

/// <summary>Feeds <c>account_balances</c> with each commit's events.</summary>
public sealed class AccountBalancesHandler(ProjectionRunner runner, AccountBalancesProjection projection) : INotificationHandler<EventsAppended>
{
    public async ValueTask Handle(EventsAppended notification, CancellationToken cancellationToken) =>
        await runner.DeliverAsync(projection, notification.Events, cancellationToken);
}

/// <summary>Feeds <c>account_ledger</c> with each commit's events.</summary>
public sealed class AccountLedgerHandler(ProjectionRunner runner, AccountLedgerProjection projection) : INotificationHandler<EventsAppended>
{
    public async ValueTask Handle(EventsAppended notification, CancellationToken cancellationToken) =>
        await runner.DeliverAsync(projection, notification.Events, cancellationToken);
}
