using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Ledger.Infrastructure.Users.Model;

/// <summary>
/// Who may use the ledger: ASP.NET Core Identity's users and roles, API tokens (hashes only) and the data-protection
/// keys that sign sign-in cookies, in the ledger's own database beside its events. A context of its own, with its
/// own migrations and history table on each engine, so the ledger's event model and Identity's schema evolve apart.
/// </summary>
public abstract class UsersDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>Its own migrations history, beside the ledger's <c>__EFMigrationsHistory</c>.</summary>
    public const string MigrationsTable = "__users_migrations";

    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApiTokenRecord>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(ApiTokenSecret.IdLength);
            e.Property(x => x.UserId).HasColumnName("user_id").HasMaxLength(450);
            e.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
            e.HasIndex(x => x.UserId).HasDatabaseName("ix_api_tokens_user");

            // A removed user's tokens go with it: nothing may authenticate as a name that no longer exists.
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }
}
