using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Sqlite;
using Ledger.Infrastructure.Users.Model;
using Ledger.Infrastructure.Users.Postgres;
using Ledger.Infrastructure.Users.Sqlite;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Users;

public static class UsersStorage
{
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Users, roles and API tokens on the ledger's own database (the engine <see cref="LedgerOptions"/> names), with
    /// Identity's user and role managers over them. Call after <c>AddLedger</c>; the web host adds sign-in on top.
    /// </summary>
    public static IdentityBuilder AddLedgerUsers(this IServiceCollection services)
    {
        services.AddDbContext<SqliteUsersDbContext>((provider, builder) =>
        {
            var engine = provider.GetRequiredService<SqliteEngine>();
            builder
                .UseSqlite(engine.ConnectionString, o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable))
                .AddInterceptors(new SqliteConnectionSetup(engine.Pragmas));
        });
        services.AddDbContext<PostgresUsersDbContext>((provider, builder) =>
            builder.UseNpgsql(provider.GetRequiredService<PostgresEngine>().Reads, o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable)));
        services.AddScoped<UsersDbContext>(provider => provider.GetRequiredService<IOptions<LedgerOptions>>().Value.UsesPostgres()
            ? provider.GetRequiredService<PostgresUsersDbContext>()
            : provider.GetRequiredService<SqliteUsersDbContext>());
        services.AddScoped<UserDirectory>();
        services.AddScoped<ApiTokenStore>();
        return services
            .AddIdentityCore<IdentityUser>(Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<UsersDbContext>();
    }

    /// <summary>Length over composition rules (NIST SP 800-63B); lockout after a few failures in a row.</summary>
    private static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = false;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
