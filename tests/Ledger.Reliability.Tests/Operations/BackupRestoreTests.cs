namespace Ledger.Reliability.Tests.Operations;

/// <summary>
/// Issue 11, item 6: backup and restore as an operator runs them, against the real app in its own process.
/// Each test works in a folder of its own, so "no partial file" can be checked by listing it.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>On PostgreSQL the tools are pg_dump and pg_restore, and the server, not a file lock, guards the data.</summary>
    private const string Why = "backup and restore copy and replace a SQLite file";

    private readonly string folder = Directory.CreateTempSubdirectory("ledger-ops-").FullName;

    private string DatabasePath => Path.Combine(folder, "ledger.db");

    private string BackupPath => Path.Combine(folder, "backup.db");

    [SqliteOnlyFact(Why)]
    public async Task Backup_WhileTheAppKeepsWriting_IsACheckedPrefixOfTheLedger_WithTheQuerysCountAndHash()
    {
        var (app, _) = await AppProcess.StartAsync(DatabasePath);
        long acknowledged = 0;
        using var stop = new CancellationTokenSource();
        Task[] writers = [];
        CliResult backup;
        long before, after;
        await using (app)
        {
            using var http = app.CreateClient();
            await OpenAsync(http, "W-1");
            await OpenAsync(http, "W-2");
            writers = new[] { "W-1", "W-2" }.Select(account => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    using var response = await http.PostAsJsonAsync($"/api/accounts/{account}/deposits", new { amount = 1, transactionReference = $"D-{i}" });
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref acknowledged);
                }
            })).ToArray();
            await Poll.UntilAsync(() => Interlocked.Read(ref acknowledged) >= 20, "20 acknowledged deposits", TimeSpan.FromSeconds(60));

            before = Interlocked.Read(ref acknowledged);
            backup = await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", Path.Combine(folder, "copy.db"));
            after = Interlocked.Read(ref acknowledged);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        output.WriteLine(backup.ToString());
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.True(after > before, $"the writers should have gone on during the backup ({before} → {after} deposits)");
        var copy = Path.Combine(folder, "copy.db");
        Assert.Equal("ok", await LedgerCli.IntegrityAsync(copy));
        var fingerprint = await LedgerCli.FingerprintAsync(copy);
        Assert.Equal(fingerprint.EventCount.ToString(CultureInfo.InvariantCulture), backup.Fact("events"));
        Assert.Equal(fingerprint.ContentHash, backup.Fact("content-hash"));
        Assert.Equal(fingerprint.EventCount, fingerprint.HeadPosition);
        // Up to one deposit per writer may have committed before its answer arrived.
        Assert.InRange(fingerprint.EventCount, 2 + before, 2 + after + writers.Length);
        Assert.Equal(await LedgerCli.EventIdsAsync(DatabasePath, fingerprint.HeadPosition), await LedgerCli.EventIdsAsync(copy, fingerprint.HeadPosition));
        Assert.Equal(["copy.db", "ledger.db", "ledger.db.lock"], Files().Where(f => !f.StartsWith("ledger.db-", StringComparison.Ordinal)));
    }

    [SqliteOnlyFact(Why)]
    public async Task Restore_WhileTheAppRunsOnTheTarget_IsRefused_AndTheLedgerIsUntouched()
    {
        var (app, _) = await AppProcess.StartAsync(DatabasePath);
        await using (app)
        {
            using var http = app.CreateClient();
            await OpenAsync(http, "R-1");
            Assert.Equal(0, (await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", BackupPath)).ExitCode);
            await OpenAsync(http, "R-2");

            var restore = await LedgerCli.RunAsync("restore", "--from", BackupPath, "--db", DatabasePath);

            output.WriteLine(restore.ToString());
            Assert.Equal(1, restore.ExitCode);
            Assert.Contains("running ledger", restore.Error, StringComparison.Ordinal);
            Assert.Equal(2, (await http.GetFromJsonAsync<StatusView>("/api/status"))!.EventCount);
            await OpenAsync(http, "R-3");
        }

        Assert.DoesNotContain(Files(), f => f.Contains(".restoring-", StringComparison.Ordinal) || f.Contains(".before-restore-", StringComparison.Ordinal));
    }

    [SqliteOnlyFact(Why)]
    public async Task Restore_IntoAFreshPath_GivesTheBackupsCountAndHash_AndTheAppServesIt()
    {
        var (app, _) = await AppProcess.StartAsync(DatabasePath);
        await using (app)
        {
            using var http = app.CreateClient();
            await OpenAsync(http, "F-1");
            await OpenAsync(http, "F-2");
            using var deposit = await http.PostAsJsonAsync("/api/accounts/F-1/deposits", new { amount = 5, transactionReference = "F" });
            deposit.EnsureSuccessStatusCode();
        }

        var backup = await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", BackupPath);
        var freshPath = Path.Combine(folder, "restored", "ledger.db");
        var restore = await LedgerCli.RunAsync("restore", "--from", BackupPath, "--db", freshPath);

        output.WriteLine(backup.ToString());
        output.WriteLine(restore.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal("3", restore.Fact("events"));
        Assert.Equal(backup.Fact("content-hash"), restore.Fact("content-hash"));
        Assert.Equal((await LedgerCli.FingerprintAsync(DatabasePath)).ContentHash, restore.Fact("content-hash"));
        var (restored, _) = await AppProcess.StartAsync(freshPath);
        await using (restored)
        {
            using var http = restored.CreateClient();
            Assert.Equal(3, (await http.GetFromJsonAsync<StatusView>("/api/status"))!.EventCount);
            Assert.Equal(105m, (await http.GetFromJsonAsync<AccountBalance>("/api/accounts/F-1"))!.Balance);
        }
    }

    [SqliteOnlyFact(Why)]
    public async Task Restore_OverAStoppedLedger_KeepsTheReplacedDatabaseBesideIt()
    {
        await OpenWhileTheAppRunsAsync("K-1");

        Assert.Equal(0, (await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", BackupPath)).ExitCode);
        await OpenWhileTheAppRunsAsync("K-2");

        var restore = await LedgerCli.RunAsync("restore", "--from", BackupPath, "--db", DatabasePath);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(1, (await LedgerCli.FingerprintAsync(DatabasePath)).EventCount);
        Assert.Equal(2, (await LedgerCli.FingerprintAsync(restore.Fact("previous"))).EventCount);
        Assert.DoesNotContain(Files(), f => f is "ledger.db-wal" or "ledger.db-shm");
    }

    [SqliteOnlyFact(Why)]
    public async Task Restore_OfAFileThatIsNoLedger_IsRefused_AndLeavesNoFile()
    {
        var text = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(text, "not a database at all, but long enough to have a header of sorts................");
        var otherDatabase = Path.Combine(folder, "other.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={otherDatabase};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE things (id INTEGER PRIMARY KEY)";
            await command.ExecuteNonQueryAsync();
        }

        var fromText = await LedgerCli.RunAsync("restore", "--from", text, "--db", DatabasePath);
        var fromOther = await LedgerCli.RunAsync("restore", "--from", otherDatabase, "--db", DatabasePath);

        Assert.Equal(1, fromText.ExitCode);
        Assert.Contains("is not a SQLite database", fromText.Error, StringComparison.Ordinal);
        Assert.Equal(1, fromOther.ExitCode);
        Assert.Contains("not a Ledger database: it has no events table", fromOther.Error, StringComparison.Ordinal);
        Assert.Equal(["ledger.db.lock", "notes.txt", "other.db"], Files());
    }

    [SqliteOnlyFact(Why)]
    public async Task Backup_Refusals_SayWhy_AndLeaveNoPartialFile()
    {
        await OpenWhileTheAppRunsAsync("B-1");

        var existing = Path.Combine(folder, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var missing = await LedgerCli.RunAsync("backup", "--db", Path.Combine(folder, "missing.db"), "--to", Path.Combine(folder, "never.db"));
        var exists = await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", existing);
        var notLedger = await LedgerCli.RunAsync("backup", "--db", existing, "--to", Path.Combine(folder, "never.db"));
        var usage = await LedgerCli.RunAsync("backup", "--db", DatabasePath);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("There is no database at", missing.Error, StringComparison.Ordinal);
        Assert.Contains("already exists; choose another name, or pass --force", exists.Error, StringComparison.Ordinal);
        Assert.Equal(1, exists.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(1, notLedger.ExitCode);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--to is required", usage.Error, StringComparison.Ordinal);
        Assert.Equal(["existing.db", "ledger.db", "ledger.db.lock"], Files().Where(f => !f.StartsWith("ledger.db-", StringComparison.Ordinal)));

        var forced = await LedgerCli.RunAsync("backup", "--db", DatabasePath, "--to", existing, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("1", forced.Fact("events"));
    }

    [SqliteOnlyFact(Why)]
    public async Task App_WillNotStart_WhileARestoreHoldsTheDatabase()
    {
        // What restore holds while it replaces the file: the lock, exclusively.
        await using var restoring = new FileStream(DatabasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(DatabasePath, TimeSpan.FromSeconds(30)));

        Assert.Contains("is being restored by another process", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private List<string> Files() => Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>Starts the app on the test's database, opens the account with it, and stops it again.</summary>
    private async Task OpenWhileTheAppRunsAsync(string id)
    {
        await using var app = (await AppProcess.StartAsync(DatabasePath)).App;
        using var http = app.CreateClient();
        await OpenAsync(http, id);
    }

    private static async Task OpenAsync(HttpClient http, string id)
    {
        using var response = await http.PostAsJsonAsync("/api/accounts", new { accountId = id, holderId = "ops", currency = "EUR", initialDeposit = 100 });
        response.EnsureSuccessStatusCode();
    }

    private sealed record StatusView(long EventCount);

    private sealed record AccountBalance(decimal Balance);
}
