namespace Ledger.Infrastructure.Storage;

/// <summary>Another writer appended to the stream first; the loser is told both versions.</summary>
public sealed class ConcurrencyException(string streamId, ExpectedVersion expected, long actual)
    : Exception($"Stream '{streamId}' was expected at version {expected} but is at version {actual}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    public long ActualVersion { get; } = actual;
}
