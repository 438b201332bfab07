namespace Ledger.Web.Operations;

/// <summary><c>backup [--db PATH] --to FILE [--force]</c>: an online, checked copy of a ledger, safe while it runs.</summary>
internal static class BackupCommand
{
    public const string Help = "usage: backup [--db PATH] --to FILE [--force]   (copies the ledger while it runs, checks the copy, prints its event count and content hash)";

    public static async Task RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        arguments.RequireOnly("--db", "--to", "--force");
        var target = arguments.Required("--to", "./ledger-backup.db");
        var force = arguments.Switch("--force");
        var database = CliDatabase.Resolve(arguments);

        // A restore must not replace the file under us while we copy it; a running app shares this lock.
        using var shared = TryHoldShared(database);
        var report = await SqliteBackup.BackupAsync(database, target, force, cancellationToken);
        await OperationsCli.PrintAsync(output,
        [
            ("backup", report.File),
            ("source", database),
            ("bytes", report.SizeBytes),
            ("integrity", "ok"),
            ("events", report.Fingerprint.EventCount),
            ("head", report.Fingerprint.HeadPosition),
            ("content-hash", report.Fingerprint.ContentHash),
        ]);
    }

    private static DatabaseFileLock? TryHoldShared(string database)
    {
        // No lock file: no ledger has ever run on this file, and none will be made for a file that may not be one.
        if (!File.Exists(database) || !File.Exists(DatabaseFileLock.PathFor(database)))
        {
            return null;
        }

        try
        {
            return DatabaseFileLock.HoldWhileRunning(database);
        }
        catch (UnauthorizedAccessException)
        {
            // A database in a folder we may not write to cannot be restored over either; copy it unguarded.
            return null;
        }
    }
}
