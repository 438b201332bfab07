using Ledger.Infrastructure.Storage.Snapshots;

namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>
/// Saves an account's state each time a commit takes its stream across a multiple of the snapshot interval.
/// One notification may carry several commits (see Writing/DeliveryQueue), with each account as
/// each of them left it, in commit order: the state saved is the one of the commit that crossed the multiple,
/// as when each commit came alone.
/// </summary>
public sealed class SnapshotSubscriber(SnapshotStore snapshots) : INotificationHandler<EventsAppended>
{
    public async ValueTask Handle(EventsAppended notification, CancellationToken cancellationToken)
    {
        // Each stream's version before the first of its events here (events come in position order).
        var before = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var stored in notification.Events)
        {
            before.TryAdd(stored.StreamId, stored.StreamVersion - 1);
        }

        foreach (var account in notification.Accounts)
        {
            var streamId = Account.StreamId(account.AccountId);
            if (!before.TryGetValue(streamId, out var from) || account.Version <= from)
            {
                continue;
            }

            if (snapshots.IsDue(from, account.Version))
            {
                await snapshots.TrySaveAsync(account, cancellationToken);
            }

            before[streamId] = account.Version;
        }
    }
}
