namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>
/// Published after a commit with exactly the events that commit appended, in position order, and the
/// accounts it touched as they are after it.
/// </summary>
public sealed record EventsAppended(IReadOnlyList<StoredEvent> Events, IReadOnlyList<Account> Accounts) : INotification;
