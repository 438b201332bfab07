using System.Linq.Expressions;

namespace Ledger.Infrastructure.Application.Queries;

public enum AccountSort
{
    Id,
    IdDesc,
    Holder,
    HolderDesc,
    Balance,
    BalanceDesc,
    Updated,
    UpdatedDesc,
}

/// <summary>Accounts from the read model; filtering, sorting and paging all run in SQL.</summary>
public sealed record ListAccountsQuery(
    string? Search = null,
    AccountStatus? Status = null,
    string? Currency = null,
    AccountSort Sort = AccountSort.Id,
    int Page = 1,
    int PageSize = 50) : IQuery<ResultPage<AccountView>>
{
    public const int MaxPageSize = 500;
}

public sealed record GetAccountQuery(string AccountId) : IQuery<AccountView?>;

/// <summary>Current totals per currency over all accounts (closed accounts hold zero).</summary>
public sealed record GetCurrencyTotalsQuery : IQuery<IReadOnlyList<CurrencyTotal>>;

/// <summary>The currency of each of these accounts that exists, in one read (a page of events names up to a few hundred).</summary>
public sealed record GetAccountCurrenciesQuery(IReadOnlyCollection<string> AccountIds) : IQuery<IReadOnlyDictionary<string, string>>;

public sealed class AccountQueryHandlers(IDbContextFactory<LedgerDbContext> contexts) :
    IQueryHandler<ListAccountsQuery, ResultPage<AccountView>>,
    IQueryHandler<GetAccountQuery, AccountView?>,
    IQueryHandler<GetCurrencyTotalsQuery, IReadOnlyList<CurrencyTotal>>,
    IQueryHandler<GetAccountCurrenciesQuery, IReadOnlyDictionary<string, string>>
{
    public async ValueTask<ResultPage<AccountView>> Handle(ListAccountsQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, ListAccountsQuery.MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.AccountBalances.AsNoTracking();
        var sqlite = db.Database.IsSqlite();
        var collation = NaturalOrder.CollationFor(postgres: !sqlite);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // See SearchText: GLOB on SQLite, whose LIKE ignores the case of ASCII letters only.
            var pattern = SearchText.PatternFor(postgres: !sqlite, query.Search.Trim());
            rows = sqlite
                ? rows.Where(a => EF.Functions.Glob(a.AccountId, pattern) || EF.Functions.Glob(a.HolderName, pattern) || EF.Functions.Glob(a.HolderId, pattern))
                : rows.Where(a => EF.Functions.Like(a.AccountId, pattern, "\\")
                    || EF.Functions.Like(a.HolderName, pattern, "\\")
                    || EF.Functions.Like(a.HolderId, pattern, "\\"));
        }

        if (query.Status is { } status)
        {
            var text = status.ToString();
            rows = rows.Where(a => a.Status == text);
        }

        if (!string.IsNullOrWhiteSpace(query.Currency))
        {
            rows = rows.Where(a => a.Currency == query.Currency);
        }

        var total = await rows.CountAsync(cancellationToken);
        rows = query.Sort switch
        {
            AccountSort.IdDesc => rows.OrderByDescending(a => a.AccountId),
            // As a person reads names: "bob" beside "Bob", "Élise" among the Es (see NaturalOrder).
            AccountSort.Holder => rows.OrderBy(a => EF.Functions.Collate(a.HolderName, collation)).ThenBy(a => a.AccountId),
            AccountSort.HolderDesc => rows.OrderByDescending(a => EF.Functions.Collate(a.HolderName, collation)).ThenBy(a => a.AccountId),
            AccountSort.Balance => query.Currency is null ? rows.OrderBy(InThousandths).ThenBy(a => a.AccountId) : rows.OrderBy(a => a.BalanceMinor).ThenBy(a => a.AccountId),
            AccountSort.BalanceDesc => query.Currency is null ? rows.OrderByDescending(InThousandths).ThenBy(a => a.AccountId) : rows.OrderByDescending(a => a.BalanceMinor).ThenBy(a => a.AccountId),
            AccountSort.Updated => rows.OrderBy(a => a.LastUpdatedAt).ThenBy(a => a.AccountId),
            AccountSort.UpdatedDesc => rows.OrderByDescending(a => a.LastUpdatedAt).ThenBy(a => a.AccountId),
            _ => rows.OrderBy(a => a.AccountId),
        };
        var items = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ResultPage<AccountView>(items.Select(r => r.ToView()).ToArray(), total, page, pageSize);
    }

    private static readonly string[] NoMinorUnit = [.. Currency.WithDecimalPlaces(0)];

    private static readonly string[] ThreeDigits = [.. Currency.WithDecimalPlaces(3)];

    /// <summary>
    /// A balance's value in thousandths of its currency's unit, so accounts in several currencies sort by the number
    /// a person reads (1,200 JPY after 52.01 EUR, whose 5,201 cents outnumber the yen). One
    /// currency sorts by minor units alone, which its index serves.
    /// </summary>
    private static readonly Expression<Func<AccountBalanceRow, long>> InThousandths = a =>
        a.BalanceMinor * (NoMinorUnit.Contains(a.Currency) ? 1000 : ThreeDigits.Contains(a.Currency) ? 1 : 10);

    public async ValueTask<AccountView?> Handle(GetAccountQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AccountBalances.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == query.AccountId, cancellationToken);
        return row?.ToView();
    }

    public async ValueTask<IReadOnlyDictionary<string, string>> Handle(GetAccountCurrenciesQuery query, CancellationToken cancellationToken)
    {
        if (query.AccountIds.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = query.AccountIds.Distinct(StringComparer.Ordinal).ToArray();
        return await db.AccountBalances.AsNoTracking()
            .Where(a => ids.Contains(a.AccountId))
            .ToDictionaryAsync(a => a.AccountId, a => a.Currency, StringComparer.Ordinal, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<CurrencyTotal>> Handle(GetCurrencyTotalsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var totals = await db.AccountBalances.AsNoTracking()
            .GroupBy(a => a.Currency)
            .Select(g => new { Currency = g.Key, Minor = g.Sum(a => a.BalanceMinor), Accounts = g.Count() })
            .OrderBy(t => t.Currency)
            .ToListAsync(cancellationToken);
        return totals.Select(t => new CurrencyTotal(t.Currency, Amounts.FromMinorUnits(t.Minor, t.Currency), t.Accounts)).ToArray();
    }
}
