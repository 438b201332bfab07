namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>What a connection is for: each engine tunes durability and locking to it.</summary>
public enum ConnectionUse
{
    /// <summary>Appending events: every commit is durable before the caller hears of it.</summary>
    Append,

    /// <summary>Read models and snapshots: rebuilt from durable events after a crash, so their commits may skip the flush.</summary>
    ReadModel,

    /// <summary>A short read.</summary>
    Read,

    /// <summary>
    /// A connection of its own, never pooled or shared: tables only it may see (a rebuild's shadow) must not
    /// outlive it on a connection someone else reuses.
    /// </summary>
    Shadow,
}

/// <summary>How an engine reports a failed statement, in the terms the write path acts on.</summary>
public enum StorageFailure
{
    Other,
    StreamVersionConflict,
    DuplicateCommand,

    /// <summary>Another process held the write lock for longer than the busy timeout: nothing was written; try again.</summary>
    Busy,

    /// <summary>The database could not be reached, or the connection broke: try again once it is back.</summary>
    Unavailable,
}

/// <summary>Where a ledger's data lives, for status pages: a file, or a server's host and database; never a password.</summary>
public sealed record StorageLocation(string Path, long SizeBytes, string? Host = null, string? Database = null);

/// <summary>
/// Everything one database engine contributes to the shared ADO.NET code of the store, snapshots and
/// projections: its connections, its SQL, how it spells instants and ids, and how it names failures.
/// A second engine is one more subclass with its own statements, in its own folder.
/// </summary>
public abstract class SqlEngine
{
    /// <summary>"sqlite" or "postgres", as <c>/api/status</c> reports it.</summary>
    public abstract string Provider { get; }

    /// <summary>Every statement the shared code runs, in this engine's dialect.</summary>
    public abstract LedgerStatements Sql { get; }

    public abstract Task<DbConnection> OpenAsync(ConnectionUse use, CancellationToken cancellationToken);

    /// <summary>
    /// True where applying projections never waits for an append, nor an append for them (PostgreSQL: the
    /// read model's row locks and the append lock are apart). Then the next batch appends while the last
    /// one's events are projected. SQLite has one writer: a projection transaction there would queue the
    /// next append behind it (and wait out a busy timeout), so deliveries run inside the write turn, between
    /// two batches' appends (see Writing/DeliveryQueue).
    /// </summary>
    public virtual bool ProjectsBesideAppends => false;

    /// <summary>A transaction that will write: takes whatever lock the engine needs up front.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A transaction that reads one consistent snapshot (or writes only tables of its own) and takes no write lock.</summary>
    public virtual DbTransaction BeginRead(DbConnection connection) => connection.BeginTransaction();

    /// <summary>Takes the engine's append lock, if it has one (<see cref="LedgerStatements.AppendLock"/>), inside an append's transaction before its first event is inserted.</summary>
    public async Task BeforeAppendAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Sql.AppendLock is { } appendLock)
        {
            await using var command = SqlCommands.Create(connection, transaction, appendLock);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Prepares a statement that is kept and run many times, where the engine benefits from it.</summary>
    public virtual void Prepare(DbCommand command) => command.Prepare();

    /// <summary>An instant as this engine stores it.</summary>
    public abstract object Instant(DateTimeOffset value);

    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    /// <summary>An id as this engine stores it.</summary>
    public abstract object Id(Guid value);

    public abstract StorageFailure Classify(Exception exception);

    /// <summary>
    /// Creates, visible to this connection only, empty tables with the same names, columns and keys as
    /// <paramref name="tables"/>; this connection's unqualified statements then use them instead of the
    /// live ones (SQLite's TEMP tables and PostgreSQL's pg_temp both shadow). A rebuild fills them without
    /// touching, or locking, the live read model.
    /// </summary>
    public abstract Task CreateShadowTablesAsync(DbConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>Counts the rows in which a live table and its shadow differ, both ways.</summary>
    public abstract string CountShadowDifferences(string table);

    /// <summary>
    /// Waits until no other process is rebuilding, then holds that turn for as long as the shadow's
    /// connection is open. SQLite: one process, and its in-process gate is enough.
    /// </summary>
    public virtual Task TakeRebuildTurnAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Replaces a live table's rows with its shadow's.</summary>
    public abstract string ReplaceWithShadow(string table);

    /// <summary>Drops a shadow table (the live one is untouched).</summary>
    public abstract string DropShadow(string table);

    /// <summary>What must happen before migrations can run (a folder for the file, a journal mode).</summary>
    public abstract Task PrepareDatabaseAsync(LedgerDbContext db, CancellationToken cancellationToken);

    /// <summary>Which database this is, for the log: never a password.</summary>
    public abstract string Describe();

    /// <summary>Which database this is and how large it is now, for <c>/api/status</c>.</summary>
    public abstract Task<StorageLocation> LocateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The first exception in <paramref name="exception"/>'s chain of inner exceptions that <paramref name="matches"/>
    /// (a driver wraps its own error in the one it throws, and EF Core wraps that again); null when none does.
    /// </summary>
    protected static Exception? InChain(Exception? exception, Func<Exception, bool> matches)
    {
        while (exception is not null && !matches(exception))
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    /// <summary>The first <typeparamref name="T"/> in <paramref name="exception"/>'s chain of inner exceptions; null when there is none.</summary>
    protected static T? InChain<T>(Exception? exception)
        where T : Exception =>
        (T?)InChain(exception, e => e is T);
}
