namespace Ledger.Infrastructure.Application.Queries;

/// <summary>The account right after its event number <see cref="Version"/>; null if it has no such event.</summary>
public sealed record GetAccountStateAtVersionQuery(string AccountId, long Version) : IQuery<AccountStateView?>;

/// <summary>
/// The account after its last event at or before <see cref="At"/> among those recorded at or before
/// <see cref="KnownAt"/> (everything recorded so far when null); null if it did not exist yet.
/// </summary>
public sealed record GetAccountStateAtTimeQuery(string AccountId, DateTimeOffset At, DateTimeOffset? KnownAt = null) : IQuery<AccountStateView?>;

/// <summary>
/// One page of the accounts that existed at <see cref="At"/> (now when null), in account id order, with the totals
/// per currency over all of them. <see cref="Search"/> narrows the page (id, holder or currency) but never the totals.
/// Only events recorded at or before <see cref="KnownAt"/> count (everything recorded so far when null), so a
/// report run with a known-at moment reads the same whatever is back-dated later.
/// </summary>
public sealed record GetBalancesAsOfQuery(
    DateTimeOffset? At = null, int Page = 1, int PageSize = GetBalancesAsOfQuery.DefaultPageSize, string? Search = null, DateTimeOffset? KnownAt = null)
    : IQuery<BalancesAsOfView>
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
}

/// <summary>
/// Time travel reads <c>account_ledger</c>, which holds the balance after every event, so any point
/// in an account's past is one index seek instead of a replay.
/// </summary>
public sealed class TimeTravelQueryHandlers(IDbContextFactory<LedgerDbContext> contexts, SqlEngine engine, TimeProvider time) :
    IQueryHandler<GetAccountStateAtVersionQuery, AccountStateView?>,
    IQueryHandler<GetAccountStateAtTimeQuery, AccountStateView?>,
    IQueryHandler<GetBalancesAsOfQuery, BalancesAsOfView>
{
    public async ValueTask<AccountStateView?> Handle(GetAccountStateAtVersionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.LedgerEntries.AsNoTracking()
            .FirstOrDefaultAsync(l => l.AccountId == query.AccountId && l.Version == query.Version, cancellationToken);
        return row?.ToState();
    }

    public async ValueTask<AccountStateView?> Handle(GetAccountStateAtTimeQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = KnownAt.OrEverything(query.KnownAt);
        var row = await db.LedgerEntries.AsNoTracking()
            .Where(l => l.AccountId == query.AccountId && l.OccurredAt <= query.At && l.RecordedAt <= known)
            .OrderByDescending(l => l.OccurredAt).ThenByDescending(l => l.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToState();
    }

    public ValueTask<BalancesAsOfView> Handle(GetBalancesAsOfQuery query, CancellationToken cancellationToken) =>
        BalancesAsOfReader.ReadAsync(engine, query, query.At ?? time.GetUtcNow(), cancellationToken);
}
