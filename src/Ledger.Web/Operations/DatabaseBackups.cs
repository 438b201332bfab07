using Microsoft.Extensions.Options;

namespace Ledger.Web.Operations;

/// <summary>
/// Diagnostics' "Back up now": a timestamped, checked copy of the running ledger beside its database file,
/// or in the folder <c>Ledger:BackupFolder</c> names. Only for a SQLite ledger: on PostgreSQL the database path is
/// still set (its default, or the file a ledger was copied from), and a copy of that file would be another ledger's.
/// </summary>
internal sealed class DatabaseBackups(IOptions<LedgerOptions> options, TimeProvider time, AccessGate access)
{
    private string DatabasePath => Path.GetFullPath(options.Value.DatabasePath);

    public string Folder => options.Value.BackupFolder is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.GetDirectoryName(DatabasePath)!;

    public const string OnPostgres =
        "This ledger is on PostgreSQL: back it up with the server's own tools (pg_dump -Fc, or continuous archiving), then check the copy against it with the hash verb.";

    /// <summary>Whether this ledger is a SQLite file that Back up now can copy.</summary>
    public bool Available => !options.Value.UsesPostgres();

    /// <summary>ledger.db → ledger-backup-20260314T101500Z.db; an existing file of that name is never replaced.</summary>
    public Task<CopyReport> BackUpNowAsync(CancellationToken cancellationToken)
    {
        // A copy of the database is every balance and every user's password hash: an operator's act.
        access.Demand(Permission.Operate);
        if (!Available)
        {
            throw new OperationFailedException(OnPostgres);
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var extension = Path.GetExtension(DatabasePath) is { Length: > 0 } ext ? ext : ".db";
        var name = $"{Path.GetFileNameWithoutExtension(DatabasePath)}-backup-{stamp}{extension}";
        // BackupDatabase is synchronous; keep it off the caller's thread (a Blazor circuit's, in the UI).
        return Task.Run(() => SqliteBackup.BackupAsync(DatabasePath, Path.Combine(Folder, name), overwrite: false, cancellationToken), cancellationToken);
    }
}
