namespace Ledger.Web.Operations;

/// <summary><c>restore --from FILE [--db PATH]</c>: puts a checked backup in place of a ledger that is not running.</summary>
internal static class RestoreCommand
{
    public const string Help = "usage: restore --from FILE [--db PATH]   (refuses while a ledger runs on PATH; the database it replaces is kept beside it)";

    public static async Task RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        arguments.RequireOnly("--db", "--from");
        var backup = arguments.Required("--from", "./ledger-backup.db");
        var database = CliDatabase.Resolve(arguments);

        var report = await SqliteBackup.RestoreAsync(backup, database, DateTimeOffset.UtcNow, cancellationToken);
        await OperationsCli.PrintAsync(output,
        [
            ("restored", report.Restored.File),
            ("from", Path.GetFullPath(backup)),
            ("previous", report.PreviousKeptAs ?? "(there was no database)"),
            ("bytes", report.Restored.SizeBytes),
            ("integrity", "ok"),
            ("events", report.Restored.Fingerprint.EventCount),
            ("head", report.Restored.Fingerprint.HeadPosition),
            ("content-hash", report.Restored.Fingerprint.ContentHash),
        ]);
    }
}
