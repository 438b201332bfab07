using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.EventStore;

/// <summary>
/// The event store on EF Core. Races are decided by the database: the unique (stream_id,
/// stream_version) index and the no-gap trigger refuse a stale append, never a prior read.
/// </summary>
public sealed class EfEventStore(IDbContextFactory<LedgerDbContext> contexts, TimeProvider time) : IEventStore
{
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        EventMetadata metadata,
        ProcessedCommandRecord? command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var records = new List<(EventRecord Record, NewEvent Event)>();
        try
        {
            // BEGIN IMMEDIATE: takes SQLite's write lock up front, so the transaction never has to
            // upgrade a read lock later (the upgrade is what produces SQLITE_BUSY mid-transaction).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var append in appends)
            {
                var version = append.Expected.IsAny
                    ? await CurrentVersionAsync(db, append.StreamId, cancellationToken)
                    : append.Expected.Value;
                foreach (var newEvent in append.Events)
                {
                    var type = EventTypeRegistry.For(newEvent.Data);
                    var record = new EventRecord
                    {
                        StreamId = append.StreamId,
                        StreamVersion = ++version,
                        EventId = newEvent.EventId,
                        EventType = type.Name,
                        SchemaVersion = type.SchemaVersion,
                        Data = EventSerializer.Serialize(newEvent.Data),
                        Metadata = metadataJson,
                        OccurredAt = newEvent.Data.OccurredAt,
                    };
                    records.Add((record, newEvent));
                    db.Events.Add(record);
                }
            }

            if (command is not null)
            {
                command.RecordedAt = time.GetUtcNow();
                db.ProcessedCommands.Add(command);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (SqliteDialect.IsStreamVersionConflict(exception))
        {
            throw await ConflictFor(appends, cancellationToken);
        }
        catch (DbUpdateException exception) when (command is not null && SqliteDialect.IsDuplicateCommand(exception))
        {
            throw new DuplicateCommandException(command.CommandId);
        }

        return records
            .Select(r => new StoredEvent(
                r.Record.Position, r.Record.StreamId, r.Record.StreamVersion, r.Record.EventId, r.Record.EventType,
                r.Record.SchemaVersion, r.Event.Data, metadata, r.Record.OccurredAt))
            .ToArray();
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, long fromVersion, long toVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.StreamId == streamId && e.StreamVersion >= fromVersion && e.StreamVersion <= toVersion)
            .OrderBy(e => e.StreamVersion)
            .ToListAsync(cancellationToken);
        return records.Select(ToStoredEvent).ToArray();
    }

    public async Task<IReadOnlyList<IAccountEvent>> ReadStreamDataAsync(string streamId, long fromVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Events
            .Where(e => e.StreamId == streamId && e.StreamVersion >= fromVersion)
            .OrderBy(e => e.StreamVersion)
            .Select(e => new { e.EventType, e.SchemaVersion, e.Data })
            .ToListAsync(cancellationToken);
        return rows.Select(r => EventSerializer.Deserialize(r.EventType, r.SchemaVersion, r.Data)).ToArray();
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.Position > afterPosition)
            .OrderBy(e => e.Position)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return records.Select(ToStoredEvent).ToArray();
    }

    public async Task<long> StreamVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CurrentVersionAsync(db, streamId, cancellationToken);
    }

    public async Task<long> HeadPositionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
    }

    public static StoredEvent ToStoredEvent(EventRecord r) => new(
        r.Position, r.StreamId, r.StreamVersion, r.EventId, r.EventType, r.SchemaVersion,
        EventSerializer.Deserialize(r.EventType, r.SchemaVersion, r.Data),
        EventSerializer.DeserializeMetadata(r.Metadata),
        r.OccurredAt);

    private static async Task<long> CurrentVersionAsync(LedgerDbContext db, string streamId, CancellationToken cancellationToken) =>
        await db.Events.Where(e => e.StreamId == streamId).MaxAsync(e => (long?)e.StreamVersion, cancellationToken) ?? 0;

    private async Task<ConcurrencyException> ConflictFor(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        // Name the first stream whose expectation no longer holds; the transaction has rolled back.
        foreach (var append in appends)
        {
            var actual = await StreamVersionAsync(append.StreamId, cancellationToken);
            if (!append.Expected.IsAny && actual != append.Expected.Value)
            {
                return new ConcurrencyException(append.StreamId, append.Expected, actual);
            }
        }

        var first = appends[0];
        return new ConcurrencyException(first.StreamId, first.Expected, await StreamVersionAsync(first.StreamId, cancellationToken));
    }
}
