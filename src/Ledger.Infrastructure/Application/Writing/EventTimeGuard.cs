namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// A ledger records what has happened: an event whose time lies ahead of its commit time by more than a
/// clock's ordinary drift would make every "as of" answer before it wrong until that moment arrives.
/// Back-dating (<see cref="LedgerClock.BackdateTo"/>) is allowed; forward-dating is refused.
/// </summary>
public static class EventTimeGuard
{
    /// <summary>How far an event may lie ahead of the commit clock: clocks of two machines writing to one database differ a little.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static void RefuseFuture(IReadOnlyList<IAccountEvent> events, TimeProvider time)
    {
        var now = LedgerClock.CommitTime(time);
        foreach (var e in events)
        {
            if (e.OccurredAt > now + MaxSkew)
            {
                throw new CommandRefusedException(CommandErrorCodes.OccurredInFuture,
                    $"This change would be dated {e.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, more than {MaxSkew.TotalMinutes:0} minutes after now ({now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC). " +
                    "A ledger records what has happened; enter it when it has.");
            }
        }
    }
}
