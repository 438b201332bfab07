using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresLedgerDbContext</c> build the model without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresLedgerDbContext>
{
    public PostgresLedgerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLedgerDbContext>().UseNpgsql("Host=localhost;Database=ledger_design_time").Options);
}
