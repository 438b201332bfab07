namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// The SQL that compares the ledger at two moments, the same on both engines except for the case-insensitive
/// LIKE (PostgreSQL's ILIKE; SQLite's LIKE ignores ASCII case already). For each account, one seek per moment
/// on (account_id, occurred_at, version) finds its last event then among those recorded by @known; an account
/// with neither existed at neither moment and is left out. Parameters: @from @to @known, @pattern when matching.
/// </summary>
public static class ComparisonStatements
{
    private static string Versions(string moment) => $"""
        (SELECT x.version FROM account_ledger AS x
         WHERE x.account_id = b.account_id AND x.occurred_at <= {moment} AND x.recorded_at <= @known
         ORDER BY x.occurred_at DESC, x.version DESC LIMIT 1)
        """;

    private static string Rows(SqlEngine engine, bool matching) => $"""
        FROM (SELECT b.account_id, b.holder_name, b.currency, {Versions("@from")} AS v_from, {Versions("@to")} AS v_to
              FROM account_balances AS b) AS m
        LEFT JOIN account_ledger AS f ON f.account_id = m.account_id AND f.version = m.v_from
        LEFT JOIN account_ledger AS t ON t.account_id = m.account_id AND t.version = m.v_to
        WHERE (m.v_from IS NOT NULL OR m.v_to IS NOT NULL)
        {(matching ? Matching(engine) : "")}
        """;

    private static string Matching(SqlEngine engine)
    {
        var like = engine.Provider == "postgres" ? "ILIKE" : "LIKE";
        return $@"AND (m.account_id {like} @pattern ESCAPE '\' OR m.holder_name {like} @pattern ESCAPE '\' OR m.currency {like} @pattern ESCAPE '\')";
    }

    /// <summary>account_id, holder_name, currency, balance/status/version at @from (NULLs if it did not exist), the same at @to; @take @skip.</summary>
    public static string Page(SqlEngine engine, bool matching) => $"""
        SELECT m.account_id, m.holder_name, m.currency, f.balance_after_minor, f.status_after, m.v_from, t.balance_after_minor, t.status_after, m.v_to
        {Rows(engine, matching)}
        ORDER BY m.account_id LIMIT @take OFFSET @skip
        """;

    /// <summary>Per currency over every account: total at @from, total at @to, accounts then, accounts at @to, all accounts compared.</summary>
    public static string Totals(SqlEngine engine) => $"""
        SELECT m.currency, CAST(COALESCE(SUM(f.balance_after_minor), 0) AS BIGINT), CAST(COALESCE(SUM(t.balance_after_minor), 0) AS BIGINT),
               COUNT(m.v_from), COUNT(m.v_to), COUNT(*)
        {Rows(engine, false)}
        GROUP BY m.currency ORDER BY m.currency
        """;

    /// <summary>How many accounts match @pattern.</summary>
    public static string Count(SqlEngine engine) => $"SELECT COUNT(*) {Rows(engine, true)}";

    /// <summary>
    /// Entries that occurred at or before @at but were recorded after it (and by @known): back-dated entries,
    /// which make the answer for @at differ from what the ledger said at @at. The number, and of how many accounts.
    /// </summary>
    public const string Backdated = """
        SELECT COUNT(*), COUNT(DISTINCT account_id) FROM account_ledger
        WHERE recorded_at > @at AND recorded_at <= @known AND occurred_at <= @at
        """;
}
