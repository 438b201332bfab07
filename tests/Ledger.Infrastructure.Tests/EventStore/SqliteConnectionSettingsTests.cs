using Ledger.Infrastructure.Storage.Sql;
using Ledger.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ledger.Infrastructure.Tests.EventStore;

/// <summary>
/// The settings each SQLite connection runs with, however the pool hands it around: the memory map each short-read
/// connection sets once (what makes a pooled replay as fast as a kept connection, benchmark M5) and no writing
/// connection ever has, and the per-use pragmas that must hold on every open whatever the connection did before.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private const string Why = "SQLite's per-connection pragmas and its connection pool";

    private readonly string path = SqliteTestDatabase.NewPath("settings");

    [SqliteOnlyFact(Why)]
    public async Task AShortRead_MapsTheConfiguredSize()
    {
        var engine = Engine(readMapMegabytes: 64);

        await using var connection = await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);

        Assert.Equal(64L * 1024 * 1024, await PragmaAsync(connection, "mmap_size"));
    }

    [SqliteOnlyTheory(Why)]
    [InlineData(ConnectionUse.ReadModel)]
    [InlineData(ConnectionUse.Append)]
    [InlineData(ConnectionUse.Shadow)]
    public async Task AWritingConnection_NeverMaps_EvenAfterReadsOnTheSameFile(ConnectionUse use)
    {
        var engine = Engine(readMapMegabytes: 64);
        for (var i = 0; i < 3; i++)
        {
            await using var read = await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);
            await PragmaAsync(read, "user_version");
        }

        await using var connection = await engine.OpenAsync(use, CancellationToken.None);

        Assert.Equal(0L, await PragmaAsync(connection, "mmap_size"));
    }

    [SqliteOnlyFact(Why)]
    public async Task AShortRead_CannotWrite()
    {
        var engine = Engine(readMapMegabytes: 64);
        await using (var append = await engine.OpenAsync(ConnectionUse.Append, CancellationToken.None))
        {
            await ExecuteAsync((SqliteConnection)append, "CREATE TABLE t (x INTEGER)");
        }

        await using var read = await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync((SqliteConnection)read, "INSERT INTO t VALUES (1)"));
        Assert.Equal(8, refused.SqliteErrorCode); // SQLITE_READONLY
    }

    [SqliteOnlyFact(Why)]
    public async Task ZeroMegabytes_TurnsTheMapOff()
    {
        var engine = Engine(readMapMegabytes: 0);

        await using var connection = await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);

        Assert.Equal(0L, await PragmaAsync(connection, "mmap_size"));
    }

    [SqliteOnlyFact(Why)]
    public async Task APooledConnection_IsSetUpOnce_NotOnEveryShortRead()
    {
        var engine = Engine(readMapMegabytes: 64);
        SQLitePCL.sqlite3 handle;
        await using (var first = (SqliteConnection)await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None))
        {
            handle = first.Handle!;
            // Changed behind the engine's back: if the next open ran the setup again, it would undo this.
            await ExecuteAsync(first, "PRAGMA mmap_size = 4096");
        }

        await using var again = (SqliteConnection)await engine.OpenAsync(ConnectionUse.Read, CancellationToken.None);

        Assert.Same(handle, again.Handle);
        Assert.Equal(4096L, await PragmaAsync(again, "mmap_size"));
    }

    [SqliteOnlyFact(Why)]
    public async Task AnAppend_IsDurable_EvenOnAConnectionARelaxedUseHadBefore()
    {
        var engine = Engine(readMapMegabytes: 64);
        SQLitePCL.sqlite3 handle;
        await using (var readModel = (SqliteConnection)await engine.OpenAsync(ConnectionUse.ReadModel, CancellationToken.None))
        {
            handle = readModel.Handle!;
            Assert.Equal(1L, await PragmaAsync(readModel, "synchronous"));
        }

        await using var append = (SqliteConnection)await engine.OpenAsync(ConnectionUse.Append, CancellationToken.None);

        Assert.Same(handle, append.Handle);
        Assert.Equal(2L, await PragmaAsync(append, "synchronous"));
    }

    public void Dispose() => SqliteTestDatabase.Delete(path);

    /// <summary>An engine on a WAL file that exists, as the app's start leaves it (a short read never creates the file).</summary>
    private SqliteEngine Engine(int readMapMegabytes)
    {
        var engine = new SqliteEngine(Microsoft.Extensions.Options.Options.Create(new LedgerOptions { DatabasePath = path, Synchronous = "FULL", ReadMapMegabytes = readMapMegabytes }));
        using var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        create.Open();
        using var wal = create.CreateCommand();
        wal.CommandText = SqliteStatements.EnableWal;
        wal.ExecuteNonQuery();
        return engine;
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
