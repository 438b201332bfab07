using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteLedgerDbContext</c> build the model without starting the app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteLedgerDbContext>
{
    public SqliteLedgerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLedgerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
