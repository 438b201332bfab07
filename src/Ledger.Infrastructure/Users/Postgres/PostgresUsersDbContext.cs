using Ledger.Infrastructure.Users.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Infrastructure.Users.Postgres;

/// <summary>Users, roles and tokens on PostgreSQL; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresUsersDbContext</c> build the model without a server.</summary>
public sealed class PostgresUsersDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public PostgresUsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresUsersDbContext>()
            .UseNpgsql("Host=localhost;Database=ledger_design_time", o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable))
            .Options);
}
