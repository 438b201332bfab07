using System.Text.Json;

namespace Ledger.Infrastructure.Storage.Snapshots;

/// <summary>
/// A disposable cache of folded account state. Anything unusable (missing, corrupt, another schema)
/// reads as "no snapshot" and the caller replays from the first event; a failed write is only logged.
/// </summary>
public sealed class SnapshotStore(SqlEngine engine, IOptions<LedgerOptions> options, TimeProvider time, ILogger<SnapshotStore> logger)
{
    /// <summary>Bump when <see cref="Account"/> changes shape: older snapshots are then ignored.</summary>
    public const int SchemaVersion = 1;

    public int Interval => Math.Max(1, options.Value.SnapshotInterval);

    public async Task<Account?> LoadAsync(string streamId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
            await using var command = SqlCommands.Create(connection, null, engine.Sql.LoadSnapshot, "@stream").Set("@stream", streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt32(0) != SchemaVersion)
            {
                return null;
            }

            var state = JsonSerializer.Deserialize<Account>(reader.GetString(2), EventSerializer.Options);
            return state is not null && state.Version == reader.GetInt64(1) && Account.StreamId(state.AccountId) == streamId
                ? state
                : null;
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignoring unreadable snapshot of {StreamId}; replaying its events instead", streamId);
            return null;
        }
    }

    /// <summary>True when appending took the stream across a multiple of the snapshot interval.</summary>
    public bool IsDue(long versionBefore, long versionAfter) => versionBefore / Interval != versionAfter / Interval;

    /// <summary>Saves the state unless a newer one is there already. A snapshot is a cache that is safe to lose, so its write skips the flush.</summary>
    public async Task TrySaveAsync(Account state, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await engine.OpenAsync(ConnectionUse.ReadModel, cancellationToken);
            await using var command = SqlCommands.Create(connection, null, engine.Sql.SaveSnapshot, "@stream", "@version", "@schema", "@state", "@at")
                .Set("@stream", Account.StreamId(state.AccountId))
                .Set("@version", state.Version)
                .Set("@schema", SchemaVersion)
                .Set("@state", JsonSerializer.Serialize(state, EventSerializer.Options))
                .Set("@at", engine.Instant(LedgerClock.CommitTime(time)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Snapshot of {AccountId} at version {Version} was not saved; loads will replay further", state.AccountId, state.Version);
        }
    }
}
