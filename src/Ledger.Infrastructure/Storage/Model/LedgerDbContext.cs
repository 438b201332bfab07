using Microsoft.EntityFrameworkCore;

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
            e.Property(x => x.Position).HasColumnName("position").ValueGeneratedOnAdd();
            e.Property(x => x.StreamId).HasColumnName("stream_id").HasMaxLength(100);
            e.Property(x => x.StreamVersion).HasColumnName("stream_version");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.EventType).HasColumnName("event_type").HasMaxLength(100);
            e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
            e.Property(x => x.Data).HasColumnName("data");
            e.Property(x => x.Metadata).HasColumnName("metadata");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.HasIndex(x => new { x.StreamId, x.StreamVersion }).IsUnique().HasDatabaseName("ux_events_stream_version");
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ux_events_event_id");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_events_occurred_at");
            e.HasIndex(x => new { x.EventType, x.Position }).HasDatabaseName("ix_events_type_position");
        });

        modelBuilder.Entity<SnapshotRecord>(e =>
        {
            e.ToTable("snapshots");
            e.HasKey(x => x.StreamId);
            e.Property(x => x.StreamId).HasColumnName("stream_id").HasMaxLength(100);
            e.Property(x => x.StreamVersion).HasColumnName("stream_version");
            e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<ProcessedCommandRecord>(e =>
        {
            e.ToTable("processed_commands");
            e.HasKey(x => x.CommandId);
            e.Property(x => x.CommandId).HasColumnName("command_id").HasMaxLength(100);
            e.Property(x => x.CommandType).HasColumnName("command_type").HasMaxLength(100);
            e.Property(x => x.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            e.Property(x => x.Result).HasColumnName("result");
            e.Property(x => x.NaturalKey).HasColumnName("natural_key").HasMaxLength(200);
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.HasIndex(x => x.NaturalKey).IsUnique().HasFilter("natural_key IS NOT NULL").HasDatabaseName("ux_processed_commands_natural_key");
        });

        modelBuilder.Entity<AccountBalanceRow>(e =>
        {
            e.ToTable("account_balances");
            e.HasKey(x => x.AccountId);
            e.Property(x => x.AccountId).HasColumnName("account_id").HasMaxLength(64);
            e.Property(x => x.HolderId).HasColumnName("holder_id").HasMaxLength(100);
            e.Property(x => x.HolderName).HasColumnName("holder_name").HasMaxLength(200);
            e.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3);
            e.Property(x => x.BalanceMinor).HasColumnName("balance_minor");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(10);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.OpenedAt).HasColumnName("opened_at");
            e.Property(x => x.LastUpdatedAt).HasColumnName("last_updated_at");
            e.Property(x => x.LastPosition).HasColumnName("last_position");
            e.HasIndex(x => x.HolderName).HasDatabaseName("ix_account_balances_holder_name");
            e.HasIndex(x => new { x.Currency, x.BalanceMinor }).HasDatabaseName("ix_account_balances_currency_balance");
            e.HasIndex(x => x.LastUpdatedAt).HasDatabaseName("ix_account_balances_last_updated");
        });

        modelBuilder.Entity<LedgerEntryRow>(e =>
        {
            e.ToTable("account_ledger");
            e.HasKey(x => new { x.AccountId, x.Version });
            e.Property(x => x.AccountId).HasColumnName("account_id").HasMaxLength(64);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.EventType).HasColumnName("event_type").HasMaxLength(100);
            e.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3);
            e.Property(x => x.AmountMinor).HasColumnName("amount_minor");
            e.Property(x => x.BalanceAfterMinor).HasColumnName("balance_after_minor");
            e.Property(x => x.StatusAfter).HasColumnName("status_after").HasMaxLength(10);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(500);
            e.Property(x => x.Reference).HasColumnName("reference").HasMaxLength(100);
            e.Property(x => x.CounterpartyAccountId).HasColumnName("counterparty_account_id").HasMaxLength(64);
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
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
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<QuarantinedStreamRow>(e =>
        {
            e.ToTable("quarantined_streams");
            e.HasKey(x => x.StreamId);
            e.Property(x => x.StreamId).HasColumnName("stream_id").HasMaxLength(100);
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.EventType).HasColumnName("event_type").HasMaxLength(100);
            e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
            e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(500);
            e.Property(x => x.DetectedAt).HasColumnName("detected_at");
        });
    }
}
