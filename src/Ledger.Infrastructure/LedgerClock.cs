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

    public override DateTimeOffset GetUtcNow() => Backdated.Value ?? inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

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
