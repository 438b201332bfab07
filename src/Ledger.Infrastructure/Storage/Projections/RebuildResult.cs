namespace Ledger.Infrastructure.Storage.Projections;

public sealed record RebuildProgress(long Applied, long Total, double EventsPerSecond);

/// <summary>
/// A finished rebuild. <see cref="DifferentRows"/> is the drift check: how many read-model rows the
/// replay of every event disagrees with; 0 means the live read model was already exactly right.
/// <see cref="LiveWasBehindBy"/> is how many events the live read model had not applied yet when it was
/// compared (a new database, projections that had not run): then the rows those events touch count as
/// different too, and the difference is a lag the rebuild filled in, not a read model gone wrong.
/// </summary>
public sealed record RebuildResult(long Events, TimeSpan Duration, double EventsPerSecond, long DifferentRows, long LiveWasBehindBy = 0)
{
    public bool ReadModelWasRight => DifferentRows == 0;
}
