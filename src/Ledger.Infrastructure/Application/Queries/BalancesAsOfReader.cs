using System.Globalization;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// The ledger as of a moment: one page of accounts and the totals over every account, both in SQL (the
/// engine's <see cref="LedgerStatements.BalancesAsOfPage"/>). A plain data reader, because with 10,000
/// accounts EF Core's materialization was a quarter of the time (benchmark M6).
/// </summary>
internal static class BalancesAsOfReader
{
    public static async ValueTask<BalancesAsOfView> ReadAsync(SqlEngine engine, GetBalancesAsOfQuery query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, GetBalancesAsOfQuery.MaxPageSize);
        var pattern = string.IsNullOrWhiteSpace(query.Search) ? null : SearchText.PatternFor(engine, query.Search.Trim());
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        // One read transaction, so the page, the count and the totals come from the same snapshot of the database.
        await using var transaction = engine.BeginRead(connection);
        var instant = new Moment(engine.Instant(at), engine.Instant(KnownAt.OrEverything(query.KnownAt)));
        var totals = await TotalsAsync(engine, transaction, instant, cancellationToken);
        var total = pattern is null
            ? totals.Sum(t => t.Accounts)
            : await CountAsync(engine, transaction, instant, pattern, cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        var accounts = skip >= total ? [] : await PageAsync(engine, transaction, instant, pattern, skip, pageSize, cancellationToken);
        return new BalancesAsOfView(at, accounts, totals) { Total = total, Page = page, PageSize = pageSize };
    }

    private static async Task<CurrencyTotal[]> TotalsAsync(SqlEngine engine, DbTransaction transaction, Moment at, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(transaction.Connection!, transaction, engine.Sql.BalancesAsOfTotals, "@at", "@known")
            .Set("@at", at.At).Set("@known", at.Known);
        var totals = new List<CurrencyTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(0);
            totals.Add(new CurrencyTotal(currency, Amounts.FromMinorUnits(reader.GetInt64(1), currency), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return [.. totals];
    }

    private static async Task<int> CountAsync(SqlEngine engine, DbTransaction transaction, Moment at, string pattern, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(transaction.Connection!, transaction, engine.Sql.BalancesAsOfCount, "@at", "@known", "@pattern")
            .Set("@at", at.At)
            .Set("@known", at.Known)
            .Set("@pattern", pattern);
        return (int)(await command.ScalarInt64Async(cancellationToken) ?? 0);
    }

    private static async Task<BalanceAsOf[]> PageAsync(SqlEngine engine, DbTransaction transaction, Moment at, string? pattern, long skip, int take, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(transaction.Connection!, transaction, engine.Sql.BalancesAsOfPage(pattern is not null), "@at", "@known", "@take", "@skip")
            .Set("@at", at.At)
            .Set("@known", at.Known)
            .Set("@take", (long)take)
            .Set("@skip", skip);
        if (pattern is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@pattern";
            parameter.Value = pattern;
            command.Parameters.Add(parameter);
        }

        var rows = new List<BalanceAsOf>(take);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(2);
            rows.Add(new BalanceAsOf(
                reader.GetString(0), reader.GetString(1), currency,
                Amounts.FromMinorUnits(reader.GetInt64(3), currency), Enum.Parse<AccountStatus>(reader.GetString(4)), reader.GetInt64(5))
            {
                CurrentBalance = Amounts.FromMinorUnits(reader.GetInt64(6), currency),
                CurrentVersion = reader.GetInt64(7),
            });
        }

        return [.. rows];
    }

    /// <summary>The moment asked about and the known-at moment, as the engine stores instants.</summary>
    private sealed record Moment(object At, object Known);
}
