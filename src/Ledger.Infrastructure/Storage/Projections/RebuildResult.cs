namespace Ledger.Infrastructure.Storage.Projections;

public sealed record RebuildProgress(long Applied, long Total, double EventsPerSecond);

/// <summary>
/// A finished rebuild. <see cref="DifferentRows"/> is the drift check: how many read-model rows the
/// replay of every event disagrees with; 0 means the live read model was already exactly right.
/// </summary>
public sealed record RebuildResult(long Events, TimeSpan Duration, double EventsPerSecond, long DifferentRows)
{
    public bool ReadModelWasRight => DifferentRows == 0;
}
