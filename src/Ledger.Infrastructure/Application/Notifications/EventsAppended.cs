namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>
/// Published after a commit with exactly the events that commit appended, in position order, and the
/// accounts it touched as they are after it. On PostgreSQL commits that queued behind a delivery come in one
/// notification (Writing/DeliveryQueue): their events in position order, and each account as each commit left
/// it, in commit order.
/// </summary>
public sealed record EventsAppended(IReadOnlyList<StoredEvent> Events, IReadOnlyList<Account> Accounts) : INotification;
