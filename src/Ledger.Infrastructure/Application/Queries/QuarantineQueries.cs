namespace Ledger.Infrastructure.Application.Queries;

/// <summary>Why an account is held back from the read model, or null when it is not.</summary>
public sealed record GetAccountQuarantineQuery(string AccountId) : IQuery<QuarantineView?>;

/// <summary>
/// Kinds of stored event this build cannot read (a type it does not know, a schema newer than its own),
/// with how many there are and the first position: what a rollback to an older Ledger left unreadable.
/// Reads the whole events table: for start-up and Diagnostics, not for every request.
/// </summary>
public sealed record GetUnreadableEventKindsQuery : IQuery<IReadOnlyList<UnreadableEventKind>>;

public sealed record UnreadableEventKind(string Type, int SchemaVersion, long Count, long FirstPosition, string Reason);

public sealed class QuarantineQueryHandlers(IDbContextFactory<LedgerDbContext> contexts) :
    IQueryHandler<GetAccountQuarantineQuery, QuarantineView?>,
    IQueryHandler<GetUnreadableEventKindsQuery, IReadOnlyList<UnreadableEventKind>>
{
    public async ValueTask<QuarantineView?> Handle(GetAccountQuarantineQuery query, CancellationToken cancellationToken)
    {
        var streamId = Account.StreamId(query.AccountId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.QuarantinedStreams.AsNoTracking().FirstOrDefaultAsync(q => q.StreamId == streamId, cancellationToken);
        return row is null ? null : new QuarantineView(row.StreamId, row.Position, row.EventType, row.SchemaVersion, row.Reason, row.DetectedAt);
    }

    public async ValueTask<IReadOnlyList<UnreadableEventKind>> Handle(GetUnreadableEventKindsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var kinds = await db.Events.AsNoTracking()
            .GroupBy(e => new { e.EventType, e.SchemaVersion })
            .Select(g => new { g.Key.EventType, g.Key.SchemaVersion, Count = g.LongCount(), First = g.Min(e => e.Position) })
            .ToListAsync(cancellationToken);
        return kinds
            .Select(k => new { k, Reason = Unreadable(k.EventType, k.SchemaVersion) })
            .Where(x => x.Reason is not null)
            .OrderBy(x => x.k.First)
            .Select(x => new UnreadableEventKind(x.k.EventType, x.k.SchemaVersion, x.k.Count, x.k.First, x.Reason!))
            .ToArray();
    }

    private static string? Unreadable(string type, int schemaVersion) =>
        !EventTypeRegistry.TryGet(type, out var known) ? "this build does not know the event type"
        : schemaVersion > known.SchemaVersion ? $"written by a newer Ledger (this build reads up to v{known.SchemaVersion})"
        : null;
}
