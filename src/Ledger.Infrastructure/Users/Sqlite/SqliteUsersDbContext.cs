using Ledger.Infrastructure.Users.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Infrastructure.Users.Sqlite;

/// <summary>Users, roles and tokens on SQLite; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add --context SqliteUsersDbContext</c> build the model without starting the app.</summary>
public sealed class SqliteUsersDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUsersDbContext>
{
    public SqliteUsersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteUsersDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(UsersDbContext.MigrationsTable))
            .Options);
}
