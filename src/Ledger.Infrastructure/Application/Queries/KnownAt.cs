namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// The "known at" moment of an as-of query: only events recorded (committed) at or before it count. Left
/// out, it means everything recorded so far; a far-future bound rather than the clock's "now", so an event
/// committed a moment ago by a process whose clock runs ahead is never left out of a live answer.
/// </summary>
public static class KnownAt
{
    public static DateTimeOffset OrEverything(DateTimeOffset? knownAt) => knownAt ?? Everything;

    /// <summary>Later than any event can be recorded; both engines store it (PostgreSQL as a plain timestamp, not infinity).</summary>
    public static readonly DateTimeOffset Everything = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
