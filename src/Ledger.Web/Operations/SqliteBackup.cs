using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>What a backup or restore produced: the file, its size, and the fingerprint of its events.</summary>
internal sealed record CopyReport(string File, long SizeBytes, EventsFingerprint Fingerprint);

/// <summary>What a restore did besides writing the database: where the database it replaced was put.</summary>
internal sealed record RestoreReport(CopyReport Restored, string? PreviousKeptAs);

/// <summary>
/// Backup and restore of a SQLite ledger. Both build the new file under a temporary name in the target's
/// own folder, check it, fsync it and only then rename it into place, so a failure at any point leaves
/// either the old state or the complete new file, never a partial one.
/// </summary>
internal static class SqliteBackup
{
    public static async Task<CopyReport> BackupAsync(string databasePath, string targetPath, bool overwrite, CancellationToken cancellationToken)
    {
        var (source, target) = TwoFiles(databasePath, targetPath, "database", "The backup must go to another file than the database itself.");
        if (Directory.Exists(target))
        {
            throw new OperationFailedException($"{target} is a folder; give the backup a file name.");
        }

        if (File.Exists(target) && !overwrite)
        {
            throw new OperationFailedException($"{target} already exists; choose another name, or pass --force to replace it.");
        }

        if (DatabaseFileLock.IsHeld(target))
        {
            throw new OperationFailedException($"{target} is the database of a running ledger; it will not be overwritten.");
        }

        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = TemporaryBeside(target, "partial");
        try
        {
            var fingerprint = await CopyCheckedAsync(source, temporary, "the copy", cancellationToken);
            if (overwrite)
            {
                // A WAL left beside the old file would be replayed onto the new one when it is opened.
                foreach (var suffix in SqliteFiles.Sidecars)
                {
                    File.Delete(target + suffix);
                }
            }

            Rename(temporary, target, overwrite);
            SqliteFiles.FlushFolder(folder);
            return new CopyReport(target, new FileInfo(target).Length, fingerprint);
        }
        finally
        {
            SqliteFiles.DeleteWithSidecars(temporary);
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="databasePath"/> with a checked copy of <paramref name="backupPath"/>.
    /// The database it replaces is not deleted but renamed beside it (with its WAL), for the operator to remove.
    /// </summary>
    public static async Task<RestoreReport> RestoreAsync(string backupPath, string databasePath, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (backup, database) = TwoFiles(backupPath, databasePath, "backup", "The backup and the database are the same file.");
        using var sole = DatabaseFileLock.TryTakeExclusive(database)
            ?? throw new OperationFailedException($"A running ledger is using {database} (it holds {DatabaseFileLock.PathFor(database)}). Stop it, then restore.");
        var folder = Path.GetDirectoryName(database)!;
        var temporary = TemporaryBeside(database, "restoring");
        try
        {
            var fingerprint = await CopyCheckedAsync(backup, temporary, $"the copy of {backup}", cancellationToken);
            var kept = MoveAside(database, now);
            Rename(temporary, database, overwrite: false);
            SqliteFiles.FlushFolder(folder);
            return new RestoreReport(new CopyReport(database, new FileInfo(database).Length, fingerprint), kept);
        }
        finally
        {
            SqliteFiles.DeleteWithSidecars(temporary);
        }
    }

    /// <summary>Both paths made absolute; refuses a source that does not exist and a target that is the source itself.</summary>
    private static (string Source, string Target) TwoFiles(string sourcePath, string targetPath, string sourceIs, string sameFile)
    {
        var source = Path.GetFullPath(sourcePath);
        var target = Path.GetFullPath(targetPath);
        if (!File.Exists(source))
        {
            throw new OperationFailedException($"There is no {sourceIs} at {source}.");
        }

        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new OperationFailedException(sameFile);
        }

        return (source, target);
    }

    /// <summary>
    /// Copies the ledger at <paramref name="source"/> into <paramref name="temporary"/> with SQLite's online backup,
    /// makes the copy standalone, checks its integrity and flushes it to disk; returns the fingerprint of its events.
    /// </summary>
    private static async Task<EventsFingerprint> CopyCheckedAsync(string source, string temporary, string shownCopy, CancellationToken cancellationToken)
    {
        await using (var from = SqliteFiles.Open(source, SqliteOpenMode.ReadOnly))
        await using (var to = SqliteFiles.Open(temporary, SqliteOpenMode.ReadWriteCreate))
        {
            await from.OpenAsync(cancellationToken);
            await SqliteFiles.RequireLedgerAsync(from, source, cancellationToken);
            await to.OpenAsync(cancellationToken);
            await SqliteFiles.CopyAsync(from, to, cancellationToken);
            await SqliteFiles.MakeStandaloneAsync(to, cancellationToken);
            await SqliteFiles.RequireIntegrityAsync(to, shownCopy, cancellationToken);
        }

        var fingerprint = await LedgerFile.FingerprintAsync(temporary, cancellationToken);
        SqliteFiles.FlushToDisk(temporary);
        return fingerprint;
    }

    /// <summary>
    /// Renames the database being replaced, with its WAL (which may hold its last commits), and drops
    /// its shared-memory index; a WAL or index left under the old name would be applied to the new file.
    /// </summary>
    private static string? MoveAside(string database, DateTimeOffset now)
    {
        var kept = database + ".before-restore-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var exists = File.Exists(database);
        foreach (var suffix in SqliteFiles.Sidecars.Prepend(""))
        {
            if (!File.Exists(database + suffix))
            {
                continue;
            }

            if (exists && suffix != "-shm")
            {
                File.Move(database + suffix, kept + suffix);
            }
            else
            {
                File.Delete(database + suffix);
            }
        }

        return exists ? kept : null;
    }

    private static void Rename(string from, string to, bool overwrite)
    {
        try
        {
            File.Move(from, to, overwrite);
        }
        catch (IOException e) when (!overwrite && File.Exists(to))
        {
            throw new OperationFailedException($"{to} appeared while the copy was being made; nothing was replaced.", e);
        }
    }

    private static string TemporaryBeside(string path, string purpose) =>
        $"{path}.{purpose}-{Guid.NewGuid():N}"[..(path.Length + purpose.Length + 10)];
}
