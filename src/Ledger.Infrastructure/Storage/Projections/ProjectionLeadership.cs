namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// Whether this process applies the projections. On SQLite (one process) and when
/// <see cref="LedgerOptions.ElectProjectionLeader"/> is off it always does. On PostgreSQL the instances
/// elect one leader (see <c>Postgres/PostgresCoordinator</c>); the others only read. Leading is an
/// economy, not the safety: every checkpoint move is a compare-and-set under the checkpoint's row lock,
/// so a deposed leader that has not noticed yet can neither move a checkpoint back nor apply an event twice.
/// </summary>
public sealed class ProjectionLeadership
{
    private readonly bool elects;
    private volatile bool leading;

    public ProjectionLeadership(IOptions<LedgerOptions> options)
    {
        elects = options.Value.UsesPostgres() && options.Value.ElectProjectionLeader;
        leading = !elects;
    }

    /// <summary>True when this process takes part in an election rather than always leading.</summary>
    public bool Elects => elects;

    public bool IsLeader => leading;

    /// <summary>When this process last became leader or stopped being it.</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    internal void Lead(DateTimeOffset now)
    {
        if (!elects || leading)
        {
            return;
        }

        leading = true;
        ChangedAt = now;
    }

    internal void StepDown(DateTimeOffset now)
    {
        if (!elects || !leading)
        {
            return;
        }

        leading = false;
        ChangedAt = now;
    }
}
