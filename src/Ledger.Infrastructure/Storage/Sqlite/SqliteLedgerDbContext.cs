namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>The ledger's model on SQLite; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class SqliteLedgerDbContext(DbContextOptions<SqliteLedgerDbContext> options) : LedgerDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text: instants are UTC ticks (see SqliteEngine).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
