using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>Saves an account's state each time a commit takes its stream across a multiple of the snapshot interval.</summary>
public sealed class SnapshotSubscriber(SnapshotStore snapshots) : INotificationHandler<EventsAppended>
{
    public async ValueTask Handle(EventsAppended notification, CancellationToken cancellationToken)
    {
        foreach (var account in notification.Accounts)
        {
            var streamId = Account.StreamId(account.AccountId);
            var appended = notification.Events.Count(e => e.StreamId == streamId);
            if (snapshots.IsDue(account.Version - appended, account.Version))
            {
                await snapshots.TrySaveAsync(account, cancellationToken);
            }
        }
    }
}
