namespace Ledger.Infrastructure.Application.Queries;

/// <summary>An account's stored events with versions from <see cref="FromVersion"/> (to <see cref="ToVersion"/>), oldest first.</summary>
public sealed record GetAccountEventsQuery(string AccountId, long FromVersion = 1, long? ToVersion = null, int Limit = 100) : IQuery<EventsPage>
{
    public const int MaxLimit = 1000;
}

/// <summary>An account's statement (events with the balance after each), one page at a time.</summary>
public sealed record GetAccountHistoryQuery(string AccountId, int Page = 1, int PageSize = 25, bool NewestFirst = true) : IQuery<ResultPage<LedgerEntryView>>;

/// <summary>
/// The whole statement's balance line, for charts: (version, time, balance after) at no more than
/// <see cref="MaxPoints"/> evenly spaced versions (at least 2), always including the first and the last.
/// </summary>
public sealed record GetBalanceSeriesQuery(string AccountId, int MaxPoints = 500) : IQuery<IReadOnlyList<LedgerEntryView>>
{
    public const int MaxPointsLimit = 2000;
}

/// <summary>All events in global order after <see cref="After"/>.</summary>
public sealed record GetEventFeedQuery(long After = 0, int Limit = 100) : IQuery<EventFeedPage>;

public sealed class EventQueryHandlers(IDbContextFactory<LedgerDbContext> contexts) :
    IQueryHandler<GetAccountEventsQuery, EventsPage>,
    IQueryHandler<GetAccountHistoryQuery, ResultPage<LedgerEntryView>>,
    IQueryHandler<GetBalanceSeriesQuery, IReadOnlyList<LedgerEntryView>>,
    IQueryHandler<GetEventFeedQuery, EventFeedPage>
{
    public async ValueTask<EventsPage> Handle(GetAccountEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, GetAccountEventsQuery.MaxLimit);
        var streamId = Account.StreamId(query.AccountId);
        var to = query.ToVersion ?? long.MaxValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.StreamId == streamId && e.StreamVersion >= query.FromVersion && e.StreamVersion <= to)
            .OrderBy(e => e.StreamVersion)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var more = records.Count > limit;
        var items = records.Take(limit).Select(r => r.ToView()).ToArray();
        return new EventsPage(items, more ? items[^1].Version + 1 : null);
    }

    public async ValueTask<ResultPage<LedgerEntryView>> Handle(GetAccountHistoryQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // account_ledger holds versions 1..head with no gaps (the event store refuses gaps), so the head is the
        // count and a page is a version range: one primary-key seek however deep the page is.
        var head = await HeadVersionAsync(db, query.AccountId, cancellationToken);
        var range = NumberedPage.Of(head, page, pageSize, query.NewestFirst);
        if (range.IsEmpty)
        {
            return new ResultPage<LedgerEntryView>([], NumberedPage.Total(head), page, pageSize);
        }

        var rows = db.LedgerEntries.AsNoTracking()
            .Where(l => l.AccountId == query.AccountId && l.Version >= range.From && l.Version <= range.To);
        rows = query.NewestFirst ? rows.OrderByDescending(l => l.Version) : rows.OrderBy(l => l.Version);
        var items = await rows.ToListAsync(cancellationToken);
        return new ResultPage<LedgerEntryView>(items.Select(r => r.ToView()).ToArray(), NumberedPage.Total(head), page, pageSize);
    }

    public async ValueTask<IReadOnlyList<LedgerEntryView>> Handle(GetBalanceSeriesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await HeadVersionAsync(db, query.AccountId, cancellationToken);
        var rows = db.LedgerEntries.AsNoTracking().Where(l => l.AccountId == query.AccountId);
        var maxPoints = Math.Clamp(query.MaxPoints, 2, GetBalanceSeriesQuery.MaxPointsLimit);
        if (head > maxPoints)
        {
            // A long history is thinned to evenly spaced versions, first and last included, and only those rows
            // are read (one seek each); filtering on Version % n would still visit every row of the account.
            // EF.Parameter sends the versions as one JSON array, not as 500 SQL parameters: measurably cheaper.
            var versions = BalanceSeries.Versions(head, maxPoints);
            rows = rows.Where(l => EF.Parameter(versions).Contains(l.Version));
        }

        var items = await rows.OrderBy(l => l.Version).ToListAsync(cancellationToken);
        return items.Select(r => r.ToView()).ToArray();
    }

    public async ValueTask<EventFeedPage> Handle(GetEventFeedQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, GetAccountEventsQuery.MaxLimit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Events.AsNoTracking()
            .Where(e => e.Position > query.After)
            .OrderBy(e => e.Position)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var items = records.Select(r => r.ToView()).ToArray();
        return new EventFeedPage(items, items.Length > 0 ? items[^1].Position : query.After);
    }

    private static async Task<long> HeadVersionAsync(LedgerDbContext db, string accountId, CancellationToken cancellationToken) =>
        await db.LedgerEntries.Where(l => l.AccountId == accountId).MaxAsync(l => (long?)l.Version, cancellationToken) ?? 0;
}
