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

    /// <summary>The bounded text columns, by property name; text not named here (payloads, results) is unbounded.</summary>
    private static readonly Dictionary<string, int> TextWidths = new(StringComparer.Ordinal)
    {
        ["StreamId"] = 100,
        ["EventType"] = 100,
        ["CommandId"] = 100,
        ["CommandType"] = 100,
        ["RequestHash"] = 64,
        ["NaturalKey"] = 200,
        ["AccountId"] = 64,
        ["CounterpartyAccountId"] = 64,
        ["HolderId"] = 100,
        ["HolderName"] = 200,
        ["Currency"] = 3,
        ["Status"] = 10,
        ["StatusAfter"] = 10,
        ["Description"] = 500,
        ["Reference"] = 100,
        ["Reason"] = 500,
        ["Name"] = 100,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.StreamId, x.StreamVersion }).IsUnique().HasDatabaseName("ux_events_stream_version");
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ux_events_event_id");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_events_occurred_at");
            e.HasIndex(x => new { x.EventType, x.Position }).HasDatabaseName("ix_events_type_position");
        });

        modelBuilder.Entity<SnapshotRecord>().ToTable("snapshots").HasKey(x => x.StreamId);

        modelBuilder.Entity<ProcessedCommandRecord>(e =>
        {
            e.ToTable("processed_commands");
            e.HasKey(x => x.CommandId);
            e.HasIndex(x => x.NaturalKey).IsUnique().HasFilter("natural_key IS NOT NULL").HasDatabaseName("ux_processed_commands_natural_key");
        });

        modelBuilder.Entity<AccountBalanceRow>(e =>
        {
            e.ToTable("account_balances");
            e.HasKey(x => x.AccountId);
            e.HasIndex(x => x.HolderName).HasDatabaseName("ix_account_balances_holder_name");
            e.HasIndex(x => new { x.Currency, x.BalanceMinor }).HasDatabaseName("ix_account_balances_currency_balance");
            e.HasIndex(x => x.LastUpdatedAt).HasDatabaseName("ix_account_balances_last_updated");
        });

        modelBuilder.Entity<LedgerEntryRow>(e =>
        {
            e.ToTable("account_ledger");
            e.HasKey(x => new { x.AccountId, x.Version });
            e.HasIndex(x => new { x.AccountId, x.OccurredAt, x.Version }).HasDatabaseName("ix_account_ledger_account_time");
            // Finds back-dated entries (recorded after a moment they occurred before) without a scan.
            e.HasIndex(x => x.RecordedAt).HasDatabaseName("ix_account_ledger_recorded");
            // Search by reference and by exact amount (the app bar's search).
            e.HasIndex(x => x.Reference).HasDatabaseName("ix_account_ledger_reference");
            e.HasIndex(x => x.AmountMinor).HasDatabaseName("ix_account_ledger_amount");
        });

        modelBuilder.Entity<ProjectionCheckpointRow>().ToTable("projection_checkpoints").HasKey(x => x.Name);

        modelBuilder.Entity<QuarantinedStreamRow>().ToTable("quarantined_streams").HasKey(x => x.StreamId);

        // Every column is its property's name in snake_case (StreamId is stream_id): one rule, not one HasColumnName a property.
        // Likewise its width: a property name means one thing, so it has one width in every table.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
            if (TextWidths.TryGetValue(property.Name, out var width))
            {
                property.SetMaxLength(width);
            }
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
