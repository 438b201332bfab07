using Ledger.Infrastructure;
using Ledger.Infrastructure.Application.Access;
using Ledger.Web.Components.Pages.Diagnostics;
using Ledger.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ledger.Web.Tests.Components.Diagnostics;

/// <summary>
/// A team's ledger moved to PostgreSQL with <c>copy</c>; the SQLite file it came from is still at the database path (the
/// default one, as in the README's example). Back up now must not copy that file: its "Backed up and checked", with the old
/// file's event count and hash, would pass for a backup of the team's ledger.
/// </summary>
public sealed class BackupPanelOnPostgresTests : LedgerUiContext
{
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-ui-backups-").FullName;
    private readonly DatabaseBackups onPostgres;

    public BackupPanelOnPostgresTests()
    {
        onPostgres = new DatabaseBackups(
            Options.Create(new LedgerOptions
            {
                Provider = LedgerOptions.Postgres,
                ConnectionString = "Host=db.example;Database=ledger;Username=team",
                DatabasePath = ((SqliteTestDatabase)Database).Path,
                BackupFolder = Path.Combine(folder, "backups"),
            }),
            TimeProvider.System,
            new AccessGate(Options.Create(new AccessOptions())));
        Services.AddSingleton(onPostgres);
    }

    [Fact]
    public async Task BackUpNow_IsRefused_AndWritesNothing()
    {
        await OpenAsync("A", "EUR", 10m);

        var refused = await Assert.ThrowsAsync<OperationFailedException>(() => onPostgres.BackUpNowAsync(CancellationToken.None));

        Assert.Contains("pg_dump", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "backups")), "nothing may be written");
    }

    [Fact]
    public void ThePanel_OffersNoBackUpNow_AndSaysHowToBackUpInstead()
    {
        var cut = Render<BackupPanel>();

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Back up now");
        Assert.Contains("pg_dump -Fc", cut.Markup, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
