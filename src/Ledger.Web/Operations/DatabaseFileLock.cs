namespace Ledger.Web.Operations;

/// <summary>
/// An OS lock on <c>PATH.lock</c> beside the database file: every running ledger holds it shared for its
/// whole life, and <c>restore</c> must take it exclusively before it replaces the file.
/// </summary>
/// <remarks>
/// Why a lock and not a pid file or a probe: the operating system drops the lock when the process ends
/// in any way (SIGKILL and power loss included), so it can never go stale, and taking it is atomic, so
/// there is no window between "checked" and "replaced". Shared rather than exclusive for the app because
/// several processes may serve one file (the event store's unique index keeps them safe). .NET maps the
/// sharing modes to flock(LOCK_SH / LOCK_EX) on Linux and macOS and to share modes on Windows. The file
/// itself is never deleted: unlinking a lock file while another process waits on it would let two
/// processes believe they hold it. It only guards against Ledger processes; another program (a sqlite3
/// shell) that opens the database directly does not take it.
/// </remarks>
internal sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream stream;

    private DatabaseFileLock(FileStream stream, string path)
    {
        this.stream = stream;
        LockPath = path;
    }

    public string LockPath { get; }

    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>What a running ledger holds. Throws with a sentence when a restore holds it exclusively.</summary>
    public static DatabaseFileLock HoldWhileRunning(string databasePath)
    {
        var path = PathFor(databasePath);
        CreateFolderOf(path);
        try
        {
            // Read access: .NET takes a shared flock for any reader, on every file system.
            return new DatabaseFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite), path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new OperationFailedException($"{databasePath} is being restored by another process ({path} is locked); start the ledger again when the restore has finished.", e);
        }
    }

    /// <summary>Sole use of the database file, or null while any ledger process holds it.</summary>
    public static DatabaseFileLock? TryTakeExclusive(string databasePath)
    {
        var path = PathFor(databasePath);
        CreateFolderOf(path);
        try
        {
            return new DatabaseFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>True when a ledger process holds the lock of <paramref name="databasePath"/> right now.</summary>
    public static bool IsHeld(string databasePath)
    {
        if (!File.Exists(PathFor(databasePath)))
        {
            return false;
        }

        using var probe = TryTakeExclusive(databasePath);
        return probe is null;
    }

    public void Dispose() => stream.Dispose();

    private static void CreateFolderOf(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
