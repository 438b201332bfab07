using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>The file-level SQLite chores that backup and restore share.</summary>
internal static class SqliteFiles
{
    /// <summary>The files SQLite may keep beside a database: WAL, its index, a rollback journal.</summary>
    public static readonly string[] Sidecars = ["-wal", "-shm", "-journal"];

    /// <summary>No pooling: these connections must really be closed (and their WAL gone) when disposed.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString());

    /// <summary>Refuses anything but a SQLite database holding Ledger's <c>events</c> table.</summary>
    public static async Task RequireLedgerAsync(SqliteConnection connection, string shownPath, CancellationToken cancellationToken)
    {
        long tables;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'";
            tables = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            throw new OperationFailedException($"{shownPath} is not a SQLite database ({e.Message.TrimEnd('.')}).", e);
        }

        if (tables == 0)
        {
            throw new OperationFailedException($"{shownPath} is a SQLite database but not a Ledger database: it has no events table.");
        }
    }

    /// <summary>PRAGMA integrity_check; throws with SQLite's own findings unless it answers "ok".</summary>
    public static async Task RequireIntegrityAsync(SqliteConnection connection, string shownPath, CancellationToken cancellationToken)
    {
        var findings = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            findings.Add(reader.GetString(0));
        }

        if (findings is not ["ok"])
        {
            throw new OperationFailedException($"The integrity check of {shownPath} failed: {string.Join("; ", findings.Take(5))}.");
        }
    }

    /// <summary>SQLite's online backup: a consistent snapshot of <paramref name="source"/> while others go on writing.</summary>
    public static async Task CopyAsync(SqliteConnection source, SqliteConnection destination, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(destination);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 20)
            {
                // A writer held the lock the snapshot needs for a moment (WAL recovery, a checkpoint); ask again.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A standalone file: no WAL beside it, so it can be copied, archived or read on read-only media.</summary>
    public static async Task MakeStandaloneAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forces the file's bytes to disk before it is renamed into place.</summary>
    public static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Makes a rename in <paramref name="folder"/> durable (fsync of the directory) on Linux and macOS.
    /// Windows has no directory handle to flush; NTFS journals the rename itself.
    /// </summary>
    public static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = OpenDirectory(folder, 0);
        if (descriptor < 0)
        {
            return;
        }

        _ = FileSync(descriptor);
        _ = CloseDescriptor(descriptor);
    }

    /// <summary>Deletes the file and its sidecars, ignoring what is not there.</summary>
    public static void DeleteWithSidecars(string path)
    {
        foreach (var suffix in Sidecars.Prepend(""))
        {
            File.Delete(path + suffix);
        }
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code in the project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenDirectory([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FileSync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int CloseDescriptor(int descriptor);
}
