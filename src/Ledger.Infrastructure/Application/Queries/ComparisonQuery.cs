namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// The ledger at two moments side by side: every account that existed at either (opened or closed in between
/// included), its balance and status at each, the difference and the number of its events in between, and the
/// totals per currency over every account, which the rows add up to. Only events recorded at or before
/// <see cref="KnownAt"/> count (everything recorded so far when null). <see cref="To"/> null means now.
/// A page of the rows when <see cref="PageSize"/> is given (all of them otherwise); <see cref="Search"/>
/// narrows the rows, never the totals.
/// </summary>
public sealed record GetComparisonQuery(
    DateTimeOffset From, DateTimeOffset? To = null, DateTimeOffset? KnownAt = null, int Page = 1, int? PageSize = null, string? Search = null)
    : IQuery<ComparisonView>
{
    public const int MaxPageSize = 500;
}

/// <summary>One account at two moments; the "from" side is null for an account opened in between.</summary>
public sealed record AccountComparison(
    string AccountId,
    string HolderName,
    string Currency,
    decimal? BalanceFrom,
    AccountStatus? StatusFrom,
    long? VersionFrom,
    decimal? BalanceTo,
    AccountStatus? StatusTo,
    long? VersionTo)
{
    /// <summary>To minus from, an account that did not exist counting as zero: the rows add up to the totals' difference.</summary>
    public decimal Difference => (BalanceTo ?? 0) - (BalanceFrom ?? 0);

    /// <summary>Events of this account between the two moments (versions grow with time, so it is the version difference).</summary>
    public long EventsBetween => Math.Abs((VersionTo ?? 0) - (VersionFrom ?? 0));

    public bool OpenedBetween => VersionFrom is null && VersionTo is not null;

    public bool ClosedBetween => StatusFrom == AccountStatus.Active && StatusTo == AccountStatus.Closed;
}

/// <summary>Totals of one currency at both moments over every account compared.</summary>
public sealed record CurrencyComparison(string Currency, decimal From, decimal To, int AccountsFrom, int AccountsTo, int Accounts)
{
    public decimal Difference => To - From;
}

/// <summary>
/// The comparison. <see cref="BackdatedEvents"/> counts entries that occurred by <see cref="From"/> but were
/// recorded after it (up to the known-at moment), in <see cref="BackdatedAccounts"/> accounts: when it is not
/// zero, the answer for <see cref="From"/> differs from what the ledger said at that moment.
/// </summary>
public sealed record ComparisonView(DateTimeOffset From, DateTimeOffset To, DateTimeOffset? KnownAt, IReadOnlyList<AccountComparison> Accounts, IReadOnlyList<CurrencyComparison> Totals)
{
    public int Total { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; }

    public long BackdatedEvents { get; init; }

    public int BackdatedAccounts { get; init; }
}

public sealed class ComparisonQueryHandler(Storage.Sql.SqlEngine engine, TimeProvider time) : IQueryHandler<GetComparisonQuery, ComparisonView>
{
    public ValueTask<ComparisonView> Handle(GetComparisonQuery query, CancellationToken cancellationToken) =>
        ComparisonReader.ReadAsync(engine, query, query.To ?? LedgerClock.CommitTime(time), cancellationToken);
}
