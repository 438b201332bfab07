namespace Ledger.Infrastructure.Application.Queries;

/// <summary>The event log, newest first, filtered in SQL.</summary>
public sealed record GetEventLogQuery(
    string? EventType = null,
    string? AccountId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50,
    string? Actor = null) : IQuery<ResultPage<EventView>>;

/// <summary>
/// Pages the event log without OFFSET over whole rows. Unfiltered, or filtered by account alone, the rows are
/// numbered without gaps, so the total is the highest number and a page is a range of numbers: page 20,000 of
/// a million events costs what page 1 does. Other filters are counted, and the page's positions found, on the
/// index that fits the filter (see LedgerDbContext); only the rows shown are read whole.
/// </summary>
public sealed class EventLogQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetEventLogQuery, ResultPage<EventView>>
{
    public async ValueTask<ResultPage<EventView>> Handle(GetEventLogQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var eventType = string.IsNullOrWhiteSpace(query.EventType) ? null : query.EventType;
        var actor = string.IsNullOrWhiteSpace(query.Actor) ? null : query.Actor.Trim();
        var byTimeOrActor = query.From is not null || query.To is not null || actor is not null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var streamId = string.IsNullOrWhiteSpace(query.AccountId) ? null : Account.StreamId(await AccountIdAsStoredAsync(db, query.AccountId.Trim(), cancellationToken));
        var (records, total) = (eventType, streamId, byTimeOrActor) switch
        {
            (null, null, false) => await AllEventsAsync(db, page, pageSize, cancellationToken),
            (null, { } stream, false) => await OneStreamAsync(db, stream, page, pageSize, cancellationToken),
            _ => await FilteredAsync(db, Filter(db, eventType, streamId, query.From, query.To, actor), page, pageSize, cancellationToken),
        };
        return new ResultPage<EventView>(records.Select(r => r.ToView()).ToArray(), total, page, pageSize);
    }

    /// <summary>
    /// The account id as it is stored, so "acc-1" finds ACC-1's events as every other search ignores case. An id is
    /// ASCII (Input.IsAccountId), so lower() folds it alike on both engines. An exact id costs one lookup by key;
    /// only a miss scans for another case. One that differs from several only in case is taken as typed.
    /// </summary>
    private static async Task<string> AccountIdAsStoredAsync(LedgerDbContext db, string typed, CancellationToken cancellationToken)
    {
        if (await db.AccountBalances.AnyAsync(a => a.AccountId == typed, cancellationToken))
        {
            return typed;
        }

        var lowered = typed.ToLowerInvariant();
        var matches = await db.AccountBalances.AsNoTracking()
            .Where(a => a.AccountId.ToLower() == lowered)
            .Select(a => a.AccountId)
            .Take(2)
            .ToListAsync(cancellationToken);
        return matches.Count == 1 ? matches[0] : typed;
    }

    private static async Task<(List<EventRecord> Records, int Total)> AllEventsAsync(LedgerDbContext db, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Positions are never deleted or skipped (the status query counts on this too), so the head is the count.
        var head = await db.HeadPositionAsync(cancellationToken);
        var range = NumberedPage.Of(head, page, pageSize, newestFirst: true);
        var records = range.IsEmpty ? [] : await db.Events.AsNoTracking()
            .Where(e => e.Position >= range.From && e.Position <= range.To)
            .OrderByDescending(e => e.Position)
            .ToListAsync(cancellationToken);
        return (records, NumberedPage.Total(head));
    }

    private static async Task<(List<EventRecord> Records, int Total)> OneStreamAsync(LedgerDbContext db, string streamId, int page, int pageSize, CancellationToken cancellationToken)
    {
        // A stream's versions run 1..n without gaps (a trigger refuses gaps) in the order of their positions.
        var head = await db.Events.Where(e => e.StreamId == streamId).MaxAsync(e => (long?)e.StreamVersion, cancellationToken) ?? 0;
        var range = NumberedPage.Of(head, page, pageSize, newestFirst: true);
        var records = range.IsEmpty ? [] : await db.Events.AsNoTracking()
            .Where(e => e.StreamId == streamId && e.StreamVersion >= range.From && e.StreamVersion <= range.To)
            .OrderByDescending(e => e.StreamVersion)
            .ToListAsync(cancellationToken);
        return (records, NumberedPage.Total(head));
    }

    private static async Task<(List<EventRecord> Records, int Total)> FilteredAsync(LedgerDbContext db, IQueryable<EventRecord> rows, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await rows.CountAsync(cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total)
        {
            return ([], total);
        }

        // The page's positions first: the filter's index holds them, so skipping to a deep page steps over index
        // entries instead of whole rows with their JSON. Then only the rows shown are read.
        var positions = rows.OrderByDescending(e => e.Position).Skip((int)skip).Take(pageSize).Select(e => e.Position);
        var records = await db.Events.AsNoTracking()
            .Where(e => positions.Contains(e.Position))
            .OrderByDescending(e => e.Position)
            .ToListAsync(cancellationToken);
        return (records, total);
    }

    private static IQueryable<EventRecord> Filter(LedgerDbContext db, string? eventType, string? streamId, DateTimeOffset? from, DateTimeOffset? to, string? actor)
    {
        var rows = (actor is null ? db.Events : db.EventsBy(actor)).AsNoTracking();
        if (eventType is not null)
        {
            rows = rows.Where(e => e.EventType == eventType);
        }

        if (streamId is not null)
        {
            rows = rows.Where(e => e.StreamId == streamId);
        }

        if (from is { } start)
        {
            rows = rows.Where(e => e.OccurredAt >= start);
        }

        if (to is { } end)
        {
            rows = rows.Where(e => e.OccurredAt <= end);
        }

        return rows;
    }
}
