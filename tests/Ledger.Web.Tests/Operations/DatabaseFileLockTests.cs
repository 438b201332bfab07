using Ledger.Web.Operations;

namespace Ledger.Web.Tests.Operations;

/// <summary>The lock restore relies on, in one process (the same OS locks work between processes; the reliability suite shows that).</summary>
public sealed class DatabaseFileLockTests : IDisposable
{
    private readonly string database = SqliteTestDatabase.NewPath("ledger-lock-test");

    [Fact]
    public void TwoLedgersOnOneFile_BothHoldIt_AndRestoreIsRefusedUntilBothHaveStopped()
    {
        var first = DatabaseFileLock.HoldWhileRunning(database);
        var second = DatabaseFileLock.HoldWhileRunning(database);

        Assert.Null(DatabaseFileLock.TryTakeExclusive(database));
        Assert.True(DatabaseFileLock.IsHeld(database));
        first.Dispose();
        Assert.Null(DatabaseFileLock.TryTakeExclusive(database));
        second.Dispose();

        using var restore = DatabaseFileLock.TryTakeExclusive(database);
        Assert.NotNull(restore);
    }

    [Fact]
    public void LedgerStart_WhileARestoreHoldsIt_IsRefusedInWords()
    {
        using var restore = DatabaseFileLock.TryTakeExclusive(database)!;

        var refused = Assert.Throws<OperationFailedException>(() => DatabaseFileLock.HoldWhileRunning(database));

        Assert.Contains("is being restored by another process", refused.Message, StringComparison.Ordinal);
        Assert.Null(DatabaseFileLock.TryTakeExclusive(database));
    }

    [Fact]
    public void AFileNoLedgerEverRan_IsNotHeld_AndAskingCreatesNoLockFile()
    {
        Assert.False(DatabaseFileLock.IsHeld(database));
        Assert.False(File.Exists(DatabaseFileLock.PathFor(database)));
    }

    public void Dispose() => File.Delete(DatabaseFileLock.PathFor(database));
}
