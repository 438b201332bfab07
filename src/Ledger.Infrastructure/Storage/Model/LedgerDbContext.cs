namespace Ledger.Infrastructure.Storage.Model;

/// <summary>
/// The ledger's tables as EF Core sees them: it owns the schema (each engine has its own migrations,
/// under its own subclass) and serves the less frequent reads. Hot paths run the engine's own SQL.
/// </summary>
public abstract class LedgerDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<SnapshotRecord> Snapshots => Set<SnapshotRecord>();

    public DbSet<ProcessedCommandRecord> ProcessedCommands => Set<ProcessedCommandRecord>();

    public DbSet<AccountBalanceRow> AccountBalances => Set<AccountBalanceRow>();

    public DbSet<LedgerEntryRow> LedgerEntries => Set<LedgerEntryRow>();

    public DbSet<ProjectionCheckpointRow> ProjectionCheckpoints => Set<ProjectionCheckpointRow>();

    public DbSet<QuarantinedStreamRow> QuarantinedStreams => Set<QuarantinedStreamRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).ValueGeneratedOnAdd();
            e.Property(x => x.StreamId).HasMaxLength(100);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.HasIndex(x => new { x.StreamId, x.StreamVersion }).IsUnique().HasDatabaseName("ux_events_stream_version");
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ux_events_event_id");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_events_occurred_at");
            e.HasIndex(x => new { x.EventType, x.Position }).HasDatabaseName("ix_events_type_position");
        });

        modelBuilder.Entity<SnapshotRecord>(e =>
        {
            e.ToTable("snapshots");
            e.HasKey(x => x.StreamId);
            e.Property(x => x.StreamId).HasMaxLength(100);
        });

        modelBuilder.Entity<ProcessedCommandRecord>(e =>
        {
            e.ToTable("processed_commands");
            e.HasKey(x => x.CommandId);
            e.Property(x => x.CommandId).HasMaxLength(100);
            e.Property(x => x.CommandType).HasMaxLength(100);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.Property(x => x.NaturalKey).HasMaxLength(200);
            e.HasIndex(x => x.NaturalKey).IsUnique().HasFilter("natural_key IS NOT NULL").HasDatabaseName("ux_processed_commands_natural_key");
        });

        modelBuilder.Entity<AccountBalanceRow>(e =>
        {
            e.ToTable("account_balances");
            e.HasKey(x => x.AccountId);
            e.Property(x => x.AccountId).HasMaxLength(64);
            e.Property(x => x.HolderId).HasMaxLength(100);
            e.Property(x => x.HolderName).HasMaxLength(200);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Status).HasMaxLength(10);
            e.HasIndex(x => x.HolderName).HasDatabaseName("ix_account_balances_holder_name");
            e.HasIndex(x => new { x.Currency, x.BalanceMinor }).HasDatabaseName("ix_account_balances_currency_balance");
            e.HasIndex(x => x.LastUpdatedAt).HasDatabaseName("ix_account_balances_last_updated");
        });

        modelBuilder.Entity<LedgerEntryRow>(e =>
        {
            e.ToTable("account_ledger");
            e.HasKey(x => new { x.AccountId, x.Version });
            e.Property(x => x.AccountId).HasMaxLength(64);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.StatusAfter).HasMaxLength(10);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.CounterpartyAccountId).HasMaxLength(64);
            e.HasIndex(x => new { x.AccountId, x.OccurredAt, x.Version }).HasDatabaseName("ix_account_ledger_account_time");
            // Finds back-dated entries (recorded after a moment they occurred before) without a scan.
            e.HasIndex(x => x.RecordedAt).HasDatabaseName("ix_account_ledger_recorded");
            // Search by reference and by exact amount (the app bar's search).
            e.HasIndex(x => x.Reference).HasDatabaseName("ix_account_ledger_reference");
            e.HasIndex(x => x.AmountMinor).HasDatabaseName("ix_account_ledger_amount");
        });

        modelBuilder.Entity<ProjectionCheckpointRow>(e =>
        {
            e.ToTable("projection_checkpoints");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<QuarantinedStreamRow>(e =>
        {
            e.ToTable("quarantined_streams");
            e.HasKey(x => x.StreamId);
            e.Property(x => x.StreamId).HasMaxLength(100);
            e.Property(x => x.EventType).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
        });

        // Every column is its property's name in snake_case (StreamId is stream_id): one rule, not one HasColumnName a property.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
