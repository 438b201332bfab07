using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// Applies the per-connection pragmas on every open. Pooled connections come back with whatever the
/// last user set (projections relax <c>synchronous</c>), so this must run on each open, not once.
/// </summary>
public sealed class SqlitePragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
