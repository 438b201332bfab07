using Ledger.Infrastructure.Users.Model;

namespace Ledger.Infrastructure.Users.Sqlite;

/// <summary>Users, roles and tokens on SQLite; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);

