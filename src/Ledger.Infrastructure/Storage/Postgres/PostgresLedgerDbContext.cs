using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>The ledger's model on PostgreSQL; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class PostgresLedgerDbContext(DbContextOptions<PostgresLedgerDbContext> options) : LedgerDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<EventRecord>(e =>
        {
            // Assigned under the append lock by the database, never by a sequence: a sequence value is
            // visible out of commit order and leaves a gap on rollback (see PostgresStatements).
            e.Property(x => x.Position)
                .HasAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.None)
                .HasDefaultValueSql("events_next_position()");
            e.Property(x => x.Data).HasColumnType("jsonb");
            e.Property(x => x.Metadata).HasColumnType("jsonb");
        });
    }
}
