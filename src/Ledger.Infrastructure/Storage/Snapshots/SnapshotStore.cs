using System.Text.Json;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Serialization;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Storage.Snapshots;

/// <summary>
/// A disposable cache of folded account state. Anything unusable (missing, corrupt, another schema)
/// reads as "no snapshot" and the caller replays from the first event; a failed write is only logged.
/// </summary>
public sealed class SnapshotStore(
    IDbContextFactory<LedgerDbContext> contexts,
    SqliteConnections connections,
    WriteGate gate,
    IOptions<LedgerOptions> options,
    TimeProvider time,
    ILogger<SnapshotStore> logger)
{
    /// <summary>Bump when <see cref="Account"/> changes shape: older snapshots are then ignored.</summary>
    public const int SchemaVersion = 1;

    public int Interval => Math.Max(1, options.Value.SnapshotInterval);

    public async Task<Account?> LoadAsync(string streamId, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var record = await db.Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.StreamId == streamId, cancellationToken);
            if (record is null || record.SchemaVersion != SchemaVersion)
            {
                return null;
            }

            var state = JsonSerializer.Deserialize<Account>(record.State, EventSerializer.Options);
            return state is not null && state.Version == record.StreamVersion && Account.StreamId(state.AccountId) == streamId
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

    public async Task TrySaveAsync(Account state, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await gate.EnterAsync(cancellationToken);
            await using var connection = await connections.OpenForWritingAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // A snapshot is a cache that is safe to lose, so its write skips the fsync (synchronous=NORMAL),
            // and an older state never replaces a newer one.
            command.CommandText = SqliteDialect.RelaxedSync + """
                INSERT INTO snapshots (stream_id, stream_version, schema_version, state, created_at)
                VALUES (@stream, @version, @schema, @state, @at)
                ON CONFLICT (stream_id) DO UPDATE SET
                    stream_version = excluded.stream_version, schema_version = excluded.schema_version,
                    state = excluded.state, created_at = excluded.created_at
                WHERE excluded.stream_version > snapshots.stream_version OR snapshots.schema_version <> excluded.schema_version;
                """;
            command.Parameters.AddWithValue("@stream", Account.StreamId(state.AccountId));
            command.Parameters.AddWithValue("@version", state.Version);
            command.Parameters.AddWithValue("@schema", SchemaVersion);
            command.Parameters.AddWithValue("@state", JsonSerializer.Serialize(state, EventSerializer.Options));
            command.Parameters.AddWithValue("@at", time.GetUtcNow().UtcTicks);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Snapshot of {AccountId} at version {Version} was not saved; loads will replay further", state.AccountId, state.Version);
        }
    }
}
