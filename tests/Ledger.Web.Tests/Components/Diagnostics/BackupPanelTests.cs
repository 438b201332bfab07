using Ledger.Infrastructure;
using Ledger.Web.Components.Pages.Diagnostics;
using Ledger.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Components.Diagnostics;

public sealed class BackupPanelTests : LedgerUiContext
{
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-ui-backups-").FullName;

    public BackupPanelTests()
    {
        Services.Configure<LedgerOptions>(o => o.BackupFolder = Path.Combine(folder, "backups"));
    }

    [Fact]
    public async Task BackUpNow_WritesACheckedCopy_AndShowsItsNameSizeEventsAndHash()
    {
        await OpenAsync("A", "EUR", 10m);
        await DepositAsync("A", 5m);
        var cut = Render<BackupPanel>();
        Assert.Contains(Path.Combine(folder, "backups"), cut.Markup);

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Back up now").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Backed up and checked", cut.Markup), TimeSpan.FromSeconds(15));
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(folder, "backups")));
        Assert.Matches(@"^ledger-ui-test-[0-9a-f]{32}-backup-\d{8}T\d{6}Z\.db$", Path.GetFileName(backup));
        var copy = await LedgerFile.FingerprintAsync(backup, CancellationToken.None);
        Assert.Equal(new EventsFingerprint(2, 2, copy.ContentHash), copy);
        Assert.Equal(copy.ContentHash, (await Mediator.Send(new GetEventsFingerprintQuery())).ContentHash);
        Assert.Equal(Path.GetFileName(backup), Labels.Value(cut, "Backup file"));
        Assert.Equal("2", Labels.Value(cut, "Events in backup"));
        Assert.Equal(copy.ContentHash, Labels.Value(cut, "Content hash (SHA-256)"));
        Assert.EndsWith("KiB", Labels.Value(cut, "Backup size"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackUpNow_WhenTheFolderCannotBeMade_SaysWhy_AndWritesNothing()
    {
        await OpenAsync("A", "EUR", 10m);
        await File.WriteAllTextAsync(Path.Combine(folder, "backups"), "a file where the folder should be");
        var cut = Render<BackupPanel>();

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Back up now").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("The backup failed:", cut.Find("[role=alert]").TextContent), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("Backed up and checked", cut.Markup);
        Assert.Equal(["backups"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.False(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Back up now").HasAttribute("disabled"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
