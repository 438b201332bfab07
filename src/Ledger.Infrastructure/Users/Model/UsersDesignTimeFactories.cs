using Ledger.Infrastructure.Users.Postgres;
using Ledger.Infrastructure.Users.Sqlite;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Infrastructure.Users.Model;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteUsersDbContext</c> build the model without starting the app.</summary>
public sealed class SqliteUsersDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUsersDbContext>
{
    public SqliteUsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteUsersDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable))
            .Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresUsersDbContext</c> build the model without a server.</summary>
public sealed class PostgresUsersDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public PostgresUsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresUsersDbContext>()
            .UseNpgsql("Host=localhost;Database=ledger_design_time", o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable))
            .Options);
}
