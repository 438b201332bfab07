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

    // The balance and status at each moment are scalar subqueries on the (account_id, version) key, not joins:
    // PostgreSQL hashed all of account_ledger twice for the joins (6 s at 1M events); a subquery is one seek a row.
    private static string At(string column, string version) =>
        $"(SELECT y.{column} FROM account_ledger AS y WHERE y.account_id = v.account_id AND y.version = v.{version})";

    private static string Rows(SqlEngine engine, bool matching) => $"""
        FROM (SELECT v.*, {At("balance_after_minor", "v_from")} AS f_balance, {At("status_after", "v_from")} AS f_status,
                     {At("balance_after_minor", "v_to")} AS t_balance, {At("status_after", "v_to")} AS t_status
              FROM (SELECT b.account_id, b.holder_name, b.currency, {Versions("@from")} AS v_from, {Versions("@to")} AS v_to
                    FROM account_balances AS b) AS v) AS m
        WHERE (m.v_from IS NOT NULL OR m.v_to IS NOT NULL)
        {(matching ? Matching(engine) : "")}
        """;

    private static string Matching(SqlEngine engine)
    {
        // See SearchText: ILIKE on PostgreSQL; on SQLite a GLOB whose pattern spells out both cases.
        return engine.Provider == "postgres"
            ? @"AND (m.account_id ILIKE @pattern ESCAPE '\' OR m.holder_name ILIKE @pattern ESCAPE '\' OR m.currency ILIKE @pattern ESCAPE '\')"
            : "AND (m.account_id GLOB @pattern OR m.holder_name GLOB @pattern OR m.currency GLOB @pattern)";
    }

    /// <summary>account_id, holder_name, currency, balance/status/version at @from (NULLs if it did not exist), the same at @to; @take @skip.</summary>
    public static string Page(SqlEngine engine, bool matching) => $"""
        SELECT m.account_id, m.holder_name, m.currency, m.f_balance, m.f_status, m.v_from, m.t_balance, m.t_status, m.v_to
        {Rows(engine, matching)}
        ORDER BY m.account_id LIMIT @take OFFSET @skip
        """;

    /// <summary>Per currency over every account: total at @from, total at @to, accounts then, accounts at @to, all accounts compared.</summary>
    public static string Totals(SqlEngine engine) => $"""
        SELECT m.currency, CAST(COALESCE(SUM(m.f_balance), 0) AS BIGINT), CAST(COALESCE(SUM(m.t_balance), 0) AS BIGINT),
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
