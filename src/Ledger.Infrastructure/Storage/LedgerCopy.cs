using Ledger.Infrastructure.Application.Queries;
using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Storage;

/// <summary>What a copy found and did; equal fingerprints mean the target holds exactly the source's events.</summary>
public sealed record LedgerCopyReport(EventsFingerprint Source, EventsFingerprint Target, long CommandRecords, bool AlreadyCopied);

/// <summary>
/// Moves a ledger from one database to another, engine to engine (SQLite to PostgreSQL or back): every
/// event as stored (id, stream version, position, times, metadata, schema version) and every command
/// record, in one transaction on the target, so a failure half-way leaves it empty; then the target's
/// read model is built from its events. The source is only read. Each side is a ledger's own services
/// (<c>AddLedger</c> over that database), so each engine reads and writes with its own SQL.
/// </summary>
public static class LedgerCopy
{
    private const int ChunkSize = 2_000;

    public static async Task<LedgerCopyReport> CopyAsync(IServiceProvider source, IServiceProvider target, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using (var db = await ContextAsync(source, cancellationToken))
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                throw new InvalidOperationException("The source was written by an older Ledger: start this version on it once (that brings its tables up to date), then copy.");
            }
        }

        await LedgerDatabase.InitializeAsync(target, cancellationToken);
        var sourcePrint = await FingerprintAsync(source, cancellationToken);
        var existing = await FingerprintAsync(target, cancellationToken);
        if (existing.EventCount > 0 || await CommandRecordsAsync(target, cancellationToken) > 0)
        {
            // A copy that committed and then stopped (before its read model was built, say) is done already.
            return existing == sourcePrint
                ? new LedgerCopyReport(sourcePrint, existing, await CommandRecordsAsync(target, cancellationToken), AlreadyCopied: true)
                : throw new InvalidOperationException($"The target already holds {existing.EventCount} events that are not this ledger's; copy only into an empty database.");
        }

        var records = await CopyRowsAsync(source, target, progress, cancellationToken);
        await target.GetRequiredService<ProjectionRebuilder>().RebuildAsync(null, cancellationToken);
        return new LedgerCopyReport(sourcePrint, await FingerprintAsync(target, cancellationToken), records, AlreadyCopied: false);
    }

    private static async Task<long> CopyRowsAsync(IServiceProvider source, IServiceProvider target, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var engine = target.GetRequiredService<SqlEngine>();
        await using var connection = await engine.OpenAsync(ConnectionUse.Append, cancellationToken);
        await using var transaction = engine.BeginWrite(connection);
        await using var insertEvent = engine.Prepare(connection, transaction, engine.Sql.CopyEvent, "@position", "@stream", "@version", "@id", "@type", "@schema", "@data", "@metadata", "@at", "@recorded");
        await using var insertCommand = engine.Prepare(connection, transaction, engine.Sql.InsertCommand, "@id", "@type", "@hash", "@result", "@natural", "@at");
        await using var db = await ContextAsync(source, cancellationToken);
        long after = 0;
        while (true)
        {
            var from = after;
            var chunk = await db.Events.AsNoTracking().Where(e => e.Position > from).OrderBy(e => e.Position).Take(ChunkSize).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var e in chunk)
            {
                await insertEvent.Set("@position", e.Position).Set("@stream", e.StreamId).Set("@version", e.StreamVersion).Set("@id", engine.Id(e.EventId))
                    .Set("@type", e.EventType).Set("@schema", e.SchemaVersion).Set("@data", e.Data).Set("@metadata", e.Metadata)
                    .Set("@at", engine.Instant(e.OccurredAt)).Set("@recorded", engine.Instant(e.RecordedAt)).ExecuteNonQueryAsync(cancellationToken);
            }

            after = chunk[^1].Position;
            progress?.Report(after);
        }

        long records = 0;
        string? lastId = null;
        while (true)
        {
            var afterId = lastId;
            var chunk = await db.ProcessedCommands.AsNoTracking()
                .Where(c => afterId == null || string.Compare(c.CommandId, afterId) > 0)
                .OrderBy(c => c.CommandId).Take(ChunkSize).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var c in chunk)
            {
                await insertCommand.Set("@id", c.CommandId).Set("@type", c.CommandType).Set("@hash", c.RequestHash).Set("@result", c.Result)
                    .SetText("@natural", c.NaturalKey).Set("@at", engine.Instant(c.RecordedAt)).ExecuteNonQueryAsync(cancellationToken);
            }

            records += chunk.Count;
            lastId = chunk[^1].CommandId;
        }

        await transaction.CommitAsync(cancellationToken);
        return records;
    }

    private static async Task<EventsFingerprint> FingerprintAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IMediator>().Send(new GetEventsFingerprintQuery(), cancellationToken);

    private static async Task<long> CommandRecordsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await ContextAsync(services, cancellationToken);
        return await db.ProcessedCommands.LongCountAsync(cancellationToken);
    }

    private static Task<LedgerDbContext> ContextAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(cancellationToken);
}
