using Ledger.Web.Components.Layout;

namespace Ledger.Web.Tests.Components.Layout;

/// <summary>The README: the status bar and Diagnostics show the engine, host and database; a PostgreSQL database is not a "file".</summary>
public sealed class DatabaseNameTests
{
    [Fact]
    public void APostgresDatabase_IsNamedWithItsHostAndEngine_NotAsAFile()
    {
        var name = DatabaseName.Of(new DatabaseView("postgres", "db.example:5432/team", 0, "db.example", "team"));

        Assert.Equal(new DatabaseName("PostgreSQL database", "db.example:5432/team", "db.example:5432/team (PostgreSQL)"), name);
    }

    [Fact]
    public void ASqliteFile_IsNamedByItsFileName_WithTheFullPathOnHover()
    {
        var name = DatabaseName.Of(new DatabaseView("sqlite", "/home/ada/.local/share/ledger/ledger.db", 0));

        Assert.Equal(new DatabaseName("Database file", "ledger.db", "/home/ada/.local/share/ledger/ledger.db"), name);
    }
}
