using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>Feeds every projection (<c>account_balances</c>, <c>account_ledger</c>) with each commit's events.</summary>
public sealed class ProjectionsSubscriber(ProjectionRunner runner) : INotificationHandler<EventsAppended>
{
    public async ValueTask Handle(EventsAppended notification, CancellationToken cancellationToken) =>
        await runner.DeliverAsync(notification.Events, cancellationToken);
}
