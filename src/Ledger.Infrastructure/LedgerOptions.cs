namespace Ledger.Infrastructure;

/// <summary>Settings under the <c>Ledger</c> configuration section.</summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Ledger";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>The storage engine: <c>sqlite</c> (the default, <see cref="DatabasePath"/>) or <c>postgres</c> (<see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file. Defaults to the user's local application data folder.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>
    /// SQLite <c>synchronous</c> for event appends. FULL (default) fsyncs every commit, so an acknowledged
    /// command survives power loss; NORMAL trades that for speed.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>A snapshot is written each time a stream crosses a multiple of this many events.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// How many accounts' latest state the write path keeps in memory (about 300 bytes each). Beyond it
    /// the cache starts over; a miss costs one snapshot read.
    /// </summary>
    public int StateCacheCapacity { get; set; } = 50_000;

    /// <summary>How many times a command is re-decided after losing an optimistic-concurrency race.</summary>
    public int MaxConcurrencyRetries { get; set; } = 10;

    /// <summary>How long a writer waits for another process's lock before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>Where "Back up now" writes its copies; beside the database file when empty.</summary>
    public string? BackupFolder { get; set; }

    /// <summary>How often the catch-up service checks whether a projection has fallen behind.</summary>
    public int CatchUpIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// On PostgreSQL, whether the instances elect one projection leader (the default). Off, every instance
    /// applies the projections itself, as tests that play several processes in one do; still correct
    /// (checkpoints move by compare-and-set), only more work for the database.
    /// </summary>
    public bool ElectProjectionLeader { get; set; } = true;

    /// <summary>How often an instance that does not lead tries to become the leader.</summary>
    public int LeaderRetryMilliseconds { get; set; } = 2_000;

    /// <summary>How often an instance that does not lead re-reads the checkpoints if no wake-up came (a lost NOTIFY).</summary>
    public int RemotePollMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// How long a command's answer waits, at most, for the projections to reach its position, so that a
    /// read on the same instance after the answer reflects it. 0 answers at once.
    /// </summary>
    public int ReadYourWritesTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// Whether a command is answered only once the projections have applied it. Off (the
    /// default), it is answered as soon as its append is durable and the projections follow in the
    /// background, at most about one batch behind: a read through this instance (the API, the screens)
    /// waits for them first, so it still reflects every command this instance has answered. Turn it on when
    /// something reads the projection tables with its own SQL and needs a command's effect there the moment
    /// it is answered. On SQLite the projections run inside the write turn, after the answer (several
    /// batches' worth at once, see <see cref="ProjectionLingerMilliseconds"/>): the next batch begins once they are done.
    /// </summary>
    public bool AnswerAfterProjections { get; set; }

    /// <summary>
    /// How long committed events may wait, while nothing reads the read model, for more commits to join their
    /// projection delivery: one projection transaction for several commands leaves the CPU (and on SQLite the
    /// write turn) to the commands. A lone client's throughput rose about half on two cores (benchmarks M1-pg,
    /// and M2's one client on SQLite, where its p50 went from about 0.6-0.9 to 0.3-0.55 ms). A read through
    /// this instance sends them at once, so it never waits out a linger; open screens and other instances see
    /// a change up to this much later. 0 delivers each commit as soon as the one before it is delivered.
    /// </summary>
    public int ProjectionLingerMilliseconds { get; set; } = 2;

    /// <summary>
    /// Under concurrency, how long a batch's leader waits, at most, for the callers the last batch answered to
    /// send their next commands, so that they share this batch's flush rather than wait for the next one: like
    /// PostgreSQL's <c>commit_delay</c>, and only when the last batch held several commands, so a lone client
    /// never waits. With 16 clients on two cores a batch held about 9 commands without it and 14.5 with it, and M2
    /// on SQLite (four alternating pairs) did 4-47% more commands/s on distinct accounts and 14-54% more on one hot
    /// account, with the same p99; on PostgreSQL (three pairs) 7-18% and 10-22%. Where answers wait for the projections
    /// on a server (<see cref="AnswerAfterProjections"/>) the callers come back too late to wait for, and nobody does.
    /// 0 takes whatever is queued at once.
    /// </summary>
    public int GroupCommitGatherMicroseconds { get; set; } = 150;

    /// <summary>
    /// The most lines one statement holds; a longer period is refused (<c>statement_too_long</c>) rather than read
    /// whole: nobody reads a longer statement, and a careless request must not load an account's entire history.
    /// </summary>
    public int StatementMaxLines { get; set; } = 10_000;

    /// <summary>
    /// The most replay steps an explanation lists. Every event after the snapshot is still folded (the check needs
    /// them all); only the last ones are returned, with how many earlier ones were replayed but not listed.
    /// </summary>
    public int ExplainMaxSteps { get; set; } = 500;

    /// <summary>
    /// SQLite only: how much of the database file, in MiB, each short-read connection maps into memory
    /// (<c>PRAGMA mmap_size</c>), so that a read takes the pages the operating system already caches in place instead
    /// of copying them into a 2 MiB cache of its own per pooled connection: replaying a 1,000-event account took about
    /// 9 ms without it and 1.8 ms with it (benchmark M5). Address space, not memory: the pages are the file cache every
    /// process shares. Writing connections never map (it cost them about 40% of their commands per second, M1).
    /// 0 turns it off (reads then go through SQLite's own page cache).
    /// </summary>
    public int ReadMapMegabytes { get; set; } = 1024;

    public static string DefaultDatabasePath() =>
        Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "ledger",
            "ledger.db");

    /// <summary>True when the ledger lives on PostgreSQL; anything but the two known names is refused.</summary>
    public bool UsesPostgres() => Provider.Trim().ToLowerInvariant() switch
    {
        Sqlite or "" => false,
        Postgres or "postgresql" => true,
        _ => throw new InvalidOperationException($"Ledger:Provider must be '{Sqlite}' or '{Postgres}'; got '{Provider}'."),
    };

    internal string SynchronousPragmaValue() => Synchronous.ToUpperInvariant() switch
    {
        "OFF" or "0" => "OFF",
        "NORMAL" or "1" => "NORMAL",
        "FULL" or "2" => "FULL",
        "EXTRA" or "3" => "EXTRA",
        _ => throw new InvalidOperationException($"Ledger:Synchronous must be OFF, NORMAL, FULL or EXTRA; got '{Synchronous}'."),
    };
}
