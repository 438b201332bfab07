using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// Sets up every connection as it opens: the per-connection pragmas, and the collation names sort by
/// (<see cref="NaturalOrder"/>), which SQLite keeps per connection. Pooled connections come back with whatever
/// the last user set (projections relax <c>synchronous</c>), so this must run on each open, not once.
/// </summary>
public sealed class SqliteConnectionSetup(string pragmas) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        AddCollation(connection);
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AddCollation(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddCollation(DbConnection connection) =>
        ((SqliteConnection)connection).CreateCollation(NaturalOrder.SqliteCollation, NaturalOrder.Compare);
}
