namespace Ledger.Web.Components.Layout;

/// <summary>
/// How the status bar and Diagnostics name the ledger's database: a SQLite file by its name (the full path on hover), a
/// PostgreSQL database as the engine, host and database it is, since several instances and databases share one server.
/// </summary>
public sealed record DatabaseName(string Label, string Shown, string Full)
{
    public static DatabaseName Of(DatabaseView database) => database.Provider == LedgerOptions.Postgres
        ? new DatabaseName("PostgreSQL database", database.Path, $"{database.Path} (PostgreSQL)")
        : new DatabaseName("Database file", Path.GetFileName(database.Path), database.Path);
}
