using Ledger.Infrastructure.Storage;
using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>
/// <c>copy --db PATH --postgres "CONNECTION STRING" [--to-sqlite]</c>: moves a ledger from a SQLite file
/// into an empty PostgreSQL database (or back, with <c>--to-sqlite</c>), and proves it by printing both
/// sides' event counts and content hashes, which must be equal.
/// </summary>
internal static class CopyCommand
{
    public const string Help =
        "usage: copy --db PATH --postgres \"Host=...;Database=...;Username=...\" [--to-sqlite]   (SQLite to an empty PostgreSQL database, or back with --to-sqlite; prints both sides' event counts and content hashes)";

    public static async Task RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        arguments.RequireOnly("--db", "--postgres", "--to-sqlite");
        var sqlite = Path.GetFullPath(arguments.Required("--db", "./ledger.db"));
        var postgres = arguments.Required("--postgres", "\"Host=localhost;Database=ledger;Username=me\"");
        var toSqlite = arguments.Switch("--to-sqlite");
        if (!toSqlite && !File.Exists(sqlite))
        {
            throw new OperationFailedException($"There is no SQLite ledger at {sqlite}.");
        }

        if (toSqlite && File.Exists(sqlite) && new FileInfo(sqlite).Length > 0 && File.Exists(DatabaseFileLock.PathFor(sqlite)) && DatabaseFileLock.IsHeld(sqlite))
        {
            throw new OperationFailedException($"A running ledger holds {sqlite}; stop it first.");
        }

        await using var sqliteLedger = LedgerFile.Open(o => o.DatabasePath = sqlite);
        await using var postgresLedger = LedgerFile.Open(o =>
        {
            o.Provider = LedgerOptions.Postgres;
            o.ConnectionString = postgres;
        });
        var (source, target) = toSqlite ? (postgresLedger, sqliteLedger) : (sqliteLedger, postgresLedger);
        LedgerCopyReport report;
        try
        {
            report = await LedgerCopy.CopyAsync(source, target, null, cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            throw new OperationFailedException(refused.Message, refused);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        var equal = report.Source == report.Target;
        var postgresName = CliDatabase.Name(new LedgerOptions { Provider = LedgerOptions.Postgres, ConnectionString = postgres });
        await OperationsCli.PrintAsync(output,
        [
            ("from", toSqlite ? postgresName : sqlite),
            ("to", toSqlite ? sqlite : postgresName),
            ("source-events", report.Source.EventCount),
            ("source-hash", report.Source.ContentHash),
            ("target-events", report.Target.EventCount),
            ("target-hash", report.Target.ContentHash),
            ("commands", report.CommandRecords),
            ("result", report.AlreadyCopied ? "already copied: the target holds exactly these events" : equal ? "copied: equal" : "DIFFERENT"),
        ]);
        if (!equal)
        {
            throw new OperationFailedException("The target's events differ from the source's.");
        }
    }
}
