using Microsoft.Data.Sqlite;

namespace Ledger.TestSupport;

/// <summary>Throwaway SQLite database files in the OS temp folder.</summary>
public static class TempDatabase
{
    /// <summary>A new, not yet existing path; the prefix tells whose file it is if one is ever left behind.</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the database with its WAL and shared-memory files and the lock a running ledger holds beside it.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // A pooled handle may still be closing; the OS temp folder cleans up eventually.
            }
        }
    }
}
