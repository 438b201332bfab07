using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// The ledger as of a moment: one page of accounts and the totals over every account, both in SQL. For each
/// account one seek on (account_id, occurred_at, version) finds its last event at or before the moment; a plain
/// data reader, because with 10,000 accounts EF Core's materialization was a quarter of the time (benchmark M6).
/// </summary>
internal static class BalancesAsOfReader
{
    // Accounts that did not exist yet have no such event, so the join leaves them out.
    private const string AccountsThen = """
        FROM account_balances AS b
        JOIN account_ledger AS l ON l.account_id = b.account_id AND l.version = (
            SELECT x.version FROM account_ledger AS x
            WHERE x.account_id = b.account_id AND x.occurred_at <= @at
            ORDER BY x.occurred_at DESC, x.version DESC LIMIT 1)
        """;

    private const string Matching = """
        WHERE b.account_id LIKE @pattern ESCAPE '\' OR b.holder_name LIKE @pattern ESCAPE '\' OR l.currency LIKE @pattern ESCAPE '\'
        """;

    public static async ValueTask<BalancesAsOfView> ReadAsync(SqliteConnections connections, GetBalancesAsOfQuery query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, GetBalancesAsOfQuery.MaxPageSize);
        var pattern = string.IsNullOrWhiteSpace(query.Search) ? null : "%" + EscapeLike(query.Search.Trim()) + "%";
        await using var connection = await connections.OpenForReadingAsync(cancellationToken);
        // One read transaction, so the page, the count and the totals come from the same snapshot of the database.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var totals = await TotalsAsync(transaction, at, cancellationToken);
        var total = pattern is null
            ? totals.Sum(t => t.Accounts)
            : (int)await ScalarAsync(transaction, $"SELECT COUNT(*) {AccountsThen} {Matching}", at, pattern, cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        var accounts = skip >= total ? [] : await PageAsync(transaction, at, pattern, skip, pageSize, cancellationToken);
        return new BalancesAsOfView(at, accounts, totals) { Total = total, Page = page, PageSize = pageSize };
    }

    private static async Task<CurrencyTotal[]> TotalsAsync(SqliteTransaction transaction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"""
            SELECT l.currency, SUM(l.balance_after_minor), COUNT(*) {AccountsThen}
            GROUP BY l.currency ORDER BY l.currency
            """, at, null);
        var totals = new List<CurrencyTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(0);
            totals.Add(new CurrencyTotal(currency, Amounts.FromMinorUnits(reader.GetInt64(1), currency), reader.GetInt32(2)));
        }

        return [.. totals];
    }

    private static async Task<BalanceAsOf[]> PageAsync(SqliteTransaction transaction, DateTimeOffset at, string? pattern, long skip, int take, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"""
            SELECT b.account_id, b.holder_name, l.currency, l.balance_after_minor, l.status_after, l.version, b.balance_minor, b.version
            {AccountsThen}
            {(pattern is null ? "" : Matching)}
            ORDER BY b.account_id LIMIT @take OFFSET @skip
            """, at, pattern);
        command.Parameters.AddWithValue("@take", take);
        command.Parameters.AddWithValue("@skip", skip);
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

    private static async Task<long> ScalarAsync(SqliteTransaction transaction, string sql, DateTimeOffset at, string? pattern, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql, at, pattern);
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, DateTimeOffset at, string? pattern)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@at", at.UtcTicks);
        if (pattern is not null)
        {
            command.Parameters.AddWithValue("@pattern", pattern);
        }

        return command;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
