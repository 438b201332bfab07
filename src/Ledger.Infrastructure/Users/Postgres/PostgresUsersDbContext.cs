using Ledger.Infrastructure.Users.Model;

namespace Ledger.Infrastructure.Users.Postgres;

/// <summary>Users, roles and tokens on PostgreSQL; its migrations are in <c>Migrations/</c> beside it.</summary>
public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);

