using System.Data;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// PostgreSQL: many writers, so the global order is made by the append lock (see
/// <see cref="PostgresStatements.TakeAppendLock"/>). Instants are <c>timestamptz</c> (microseconds), ids <c>uuid</c>.
/// Statements are prepared by Npgsql's auto-prepare on the long-lived connections rather than by an
/// explicit <c>Prepare</c>: explicit preparation needs every parameter typed up front, and measured on
/// the append it was no faster than auto-prepare (both about 2.5 times unprepared).
/// </summary>
public sealed class PostgresEngine : SqlEngine, IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder settings;
    private readonly string synchronousCommit;
    private readonly NpgsqlDataSource append;
    private readonly NpgsqlDataSource readModel;
    private readonly NpgsqlDataSource shadow;

    /// <summary>The schema the ledger's tables live in: the first of the search path (public by default).</summary>
    private readonly string schema;

    public PostgresEngine(IOptions<LedgerOptions> options)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            // DatabaseUnavailableException: the app and the verbs print it as one line and exit 1, as for a server that is down.
            throw new DatabaseUnavailableException(
                "Ledger:Provider is postgres but there is no connection string: use --postgres \"Host=...;Database=...;Username=...\", LEDGER_POSTGRES or ConnectionStrings:Ledger.");
        }

        try
        {
            settings = new NpgsqlConnectionStringBuilder(value.ConnectionString);
        }
        catch (ArgumentException unreadable)
        {
            // Npgsql's words name the keyword it could not read; the string itself is not repeated (it may hold a password).
            throw new DatabaseUnavailableException(
                $"The PostgreSQL connection string cannot be read: {unreadable.Message}. It is Npgsql's form: \"Host=...;Port=5432;Database=...;Username=...;Password=...\".",
                unreadable);
        }

        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        settings.ApplicationName ??= "ledger";
        // Ledger changes no session state (its locks end with their transactions), so a pooled connection
        // needs no reset; the reset would cost the server work on every short read (about a fifth of a command).
        settings.NoResetOnClose = true;
        // Every acknowledged command is flushed (OFF is the one setting that trades that away, as on SQLite).
        synchronousCommit = value.SynchronousPragmaValue() == "OFF" ? "off" : "on";
        // Writes batched without a BEGIN run as the batch's implicit transaction, at the session's default
        // isolation: READ COMMITTED whatever the server's default, as BeginWrite asks for (a backslash escapes the space).
        var writing = string.Create(CultureInfo.InvariantCulture, $"-c lock_timeout={Math.Max(1, value.BusyTimeoutMilliseconds)} -c default_transaction_isolation=read\\ committed");
        append = Source($"{writing} -c synchronous_commit={synchronousCommit}");
        // Read models and snapshots are rebuilt from durable events after a crash: skip the flush.
        readModel = Source($"{writing} -c synchronous_commit=off");
        Reads = Source(null);
        shadow = Source(null, pooled: false);
        schema = string.IsNullOrWhiteSpace(settings.SearchPath) ? "public" : settings.SearchPath.Split(',')[0].Trim();
    }

    public override string Provider => "postgres";

    public override LedgerStatements Sql => PostgresStatements.All;

    /// <summary>Projection transactions take checkpoint and read-model row locks, never the append lock.</summary>
    public override bool ProjectsBesideAppends => true;

    /// <summary>Short reads, and EF Core's connections (its queries and migrations).</summary>
    public NpgsqlDataSource Reads { get; }

    public string Host => settings.Host ?? "localhost";

    public int Port => settings.Port;

    public string Database => settings.Database ?? settings.Username ?? "postgres";

    public override async Task<DbConnection> OpenAsync(ConnectionUse use, CancellationToken cancellationToken) => use switch
    {
        ConnectionUse.Append => await append.OpenConnectionAsync(cancellationToken),
        ConnectionUse.ReadModel => await readModel.OpenConnectionAsync(cancellationToken),
        // Temporary tables live as long as the session: a pooled one (never reset, see above) would keep them.
        ConnectionUse.Shadow => await shadow.OpenConnectionAsync(cancellationToken),
        _ => await Reads.OpenConnectionAsync(cancellationToken),
    };

    /// <summary>One snapshot for every statement of the transaction, as SQLite's read transactions give.</summary>
    public override DbTransaction BeginRead(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.RepeatableRead);

    public override async Task CreateShadowTablesAsync(DbConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            // pg_temp comes first in the search path: this session's unqualified statements now use the shadow.
            await using var create = new NpgsqlCommand($"CREATE TEMP TABLE \"{table}\" (LIKE {schema}.\"{table}\" INCLUDING ALL)", (NpgsqlConnection)connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override string CountShadowDifferences(string table) =>
        $"SELECT (SELECT COUNT(*) FROM (SELECT * FROM {schema}.\"{table}\" EXCEPT SELECT * FROM pg_temp.\"{table}\") AS live_only) "
        + $"+ (SELECT COUNT(*) FROM (SELECT * FROM pg_temp.\"{table}\" EXCEPT SELECT * FROM {schema}.\"{table}\") AS shadow_only)";

    public override string ReplaceWithShadow(string table) =>
        $"DELETE FROM {schema}.\"{table}\"; INSERT INTO {schema}.\"{table}\" SELECT * FROM pg_temp.\"{table}\";";

    public override string DropShadow(string table) => $"DROP TABLE IF EXISTS pg_temp.\"{table}\";";

    /// <summary>A session-level advisory lock on the shadow's own unpooled connection: it ends with the rebuild, or with its process.</summary>
    public override async Task TakeRebuildTurnAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Coordination.RebuildLockKey})", (NpgsqlConnection)connection);
        await take.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// READ COMMITTED whatever the server's default: each statement after the append lock (or a checkpoint's
    /// row lock) must see what was committed while it waited. Npgsql sends the BEGIN with the transaction's
    /// first statement, so this does no I/O.
    /// </summary>
    public override DbTransaction BeginWrite(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>Auto-prepare does it on the statement's second run (see the class summary).</summary>
    public override void Prepare(DbCommand command)
    {
    }

    /// <summary>Npgsql writes only UTC offsets to <c>timestamptz</c>.</summary>
    public override object Instant(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override object Id(Guid value) => value;

    public override StorageFailure Classify(Exception exception) => InChain<PostgresException>(exception) switch
    {
        { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "events", ConstraintName: "ux_events_stream_version" } => StorageFailure.StreamVersionConflict,
        { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "processed_commands" } => StorageFailure.DuplicateCommand,
        { SqlState: PostgresErrorCodes.RaiseException, MessageText: PostgresStatements.GapRefusal } => StorageFailure.StreamVersionConflict,
        // The retry behaviour decides again on fresh state, as after any lost race.
        { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => StorageFailure.StreamVersionConflict,
        // lock_timeout (the busy timeout) ran out waiting for the append lock or a row another process holds.
        { SqlState: PostgresErrorCodes.LockNotAvailable } => StorageFailure.Busy,
        // Class 08 (connection), shutting down or starting up, or no connection slot left.
        { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal) || state is PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections => StorageFailure.Unavailable,
        // Not the server's answer but the way to it: refused, reset, timed out, or a connection that broke.
        null when IsConnectionFailure(exception) => StorageFailure.Unavailable,
        _ => StorageFailure.Other,
    };

    public override async Task PrepareDatabaseAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await Reads.OpenConnectionAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Never created here, though the migrations could: on a team's server a mistyped name would start a second,
            // empty ledger, and the instance holding it would take deposits nobody else ever sees.
            throw new DatabaseUnavailableException(
                $"The database \"{Database}\" does not exist on {Host}:{Port}. Ledger does not create one itself, so that a mistyped name " +
                $"cannot start a second, empty ledger: check the name, or create it (createdb {Database}) and start again.",
                e);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new DatabaseUnavailableException($"Cannot open the ledger database {Describe()}: {Reason(e)}", e);
        }
    }

    public override string Describe() =>
        $"{Host}:{Port}/{Database} (postgres, user {settings.Username ?? "(default)"}, synchronous_commit={synchronousCommit})";

    public override async Task<StorageLocation> LocateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Reads.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        var size = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new StorageLocation($"{Host}:{Port}/{Database}", size, Host, Database);
    }

    public async ValueTask DisposeAsync()
    {
        await append.DisposeAsync();
        await readModel.DisposeAsync();
        await shadow.DisposeAsync();
        await Reads.DisposeAsync();
    }

    private NpgsqlDataSource Source(string? serverOptions, bool pooled = true)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = pooled };
        if (serverOptions is not null)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? serverOptions : $"{builder.Options} {serverOptions}";
        }

        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>One line: the failure and its cause (a refused socket, a wrong password), nothing more.</summary>
    private static string Reason(Exception exception)
    {
        var reason = exception.Message;
        if (exception.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
        {
            reason += $" ({inner.Message})";
        }

        return reason.ReplaceLineEndings(" ");
    }

    private static bool IsConnectionFailure(Exception exception) =>
        InChain(exception, e => e is NpgsqlException or SocketException or IOException or TimeoutException) is not null;
}
