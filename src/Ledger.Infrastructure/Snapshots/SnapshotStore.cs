using System.Text.Json;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.EventStore;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Snapshots;

/// <summary>
/// A disposable cache of folded account state. Anything unusable (missing, corrupt, another schema)
/// reads as "no snapshot" and the caller replays from the first event; a failed write is only logged.
/// </summary>
public sealed class SnapshotStore(
    IDbContextFactory<LedgerDbContext> contexts,
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
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var streamId = Account.StreamId(state.AccountId);
            var json = JsonSerializer.Serialize(state, EventSerializer.Options);
            var now = time.GetUtcNow();
            var existing = await db.Snapshots.AsTracking().FirstOrDefaultAsync(s => s.StreamId == streamId, cancellationToken);
            if (existing is null)
            {
                db.Snapshots.Add(new SnapshotRecord { StreamId = streamId, StreamVersion = state.Version, SchemaVersion = SchemaVersion, State = json, CreatedAt = now });
            }
            else if (existing.StreamVersion < state.Version)
            {
                existing.StreamVersion = state.Version;
                existing.SchemaVersion = SchemaVersion;
                existing.State = json;
                existing.CreatedAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Snapshot of {AccountId} at version {Version} was not saved; loads will replay further", state.AccountId, state.Version);
        }
    }
}
