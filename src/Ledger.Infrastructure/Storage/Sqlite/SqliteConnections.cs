using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// The ledger database's connection string and per-connection settings, shared by EF Core's contexts
/// and the hot paths that talk to SQLite directly (appends, version checks, payload reads).
/// </summary>
public sealed class SqliteConnections(IOptions<LedgerOptions> options)
{
    public string ConnectionString { get; } = SqliteDialect.ConnectionString(options.Value.DatabasePath, options.Value.BusyTimeoutMilliseconds);

    /// <summary>What every connection that may write runs once after opening.</summary>
    public string Pragmas { get; } = SqliteDialect.ConnectionPragmas(options.Value.SynchronousPragmaValue(), options.Value.BusyTimeoutMilliseconds);

    /// <summary>A connection for appending: the configured durability and busy timeout applied.</summary>
    public async Task<SqliteConnection> OpenForWritingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenForReadingAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A pooled connection for a short read. WAL readers never wait for the writer, so the pragmas a
    /// writer needs (synchronous, busy timeout, foreign keys) are skipped: they cost more than the read.
    /// </summary>
    public async Task<SqliteConnection> OpenForReadingAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
