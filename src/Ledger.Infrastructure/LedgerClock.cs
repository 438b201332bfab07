namespace Ledger.Infrastructure;

/// <summary>
/// The clock every command reads. It is the system clock, except inside <see cref="BackdateTo"/>,
/// which lets an importer or the sample ledger write history with past dates through the normal
/// commands, so that history obeys every rule. The override follows the async flow that set it and
/// nothing else, so other users' commands keep the real time.
/// </summary>
public sealed class LedgerClock(TimeProvider inner) : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> Backdated = new();
    private readonly TimeProvider real = inner;

    public override DateTimeOffset GetUtcNow() => Backdated.Value ?? real.GetUtcNow();

    /// <summary>
    /// The moment this async flow's commands happen at, if it is inside <see cref="BackdateTo"/>. A command
    /// takes it on its caller's flow: whoever decides it later (a batch's leader) runs on a flow of its own.
    /// </summary>
    public static DateTimeOffset? Backdating => Backdated.Value;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    /// <summary>
    /// The time an append records as its commit time: the real clock even inside <see cref="BackdateTo"/>,
    /// because back-dating moves when something happened, never when the ledger learned of it.
    /// </summary>
    public static DateTimeOffset CommitTime(TimeProvider time) => time is LedgerClock clock ? clock.real.GetUtcNow() : time.GetUtcNow();

    /// <summary>Commands sent from this async flow happen at <paramref name="at"/> until the result is disposed.</summary>
    public static IDisposable BackdateTo(DateTimeOffset at)
    {
        var previous = Backdated.Value;
        Backdated.Value = at.ToUniversalTime();
        return new Restore(previous);
    }

    private sealed class Restore(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => Backdated.Value = previous;
    }
}
