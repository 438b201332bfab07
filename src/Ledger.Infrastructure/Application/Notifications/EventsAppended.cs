using Ledger.Infrastructure.Storage;
using Mediator;

namespace Ledger.Infrastructure.Application.Notifications;

/// <summary>Published after a commit with exactly the events that commit appended, in position order.</summary>
public sealed record EventsAppended(IReadOnlyList<StoredEvent> Events) : INotification;
