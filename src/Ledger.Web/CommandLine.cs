namespace Ledger.Web;

/// <summary>
/// Ledger's own switches, taken out of the arguments before ASP.NET Core reads the rest:
/// <c>--db PATH</c> picks a SQLite file, <c>--postgres "CONNECTION STRING"</c> a PostgreSQL database,
/// <c>--seed-demo</c> loads the sample ledger at start, <c>--metrics</c> serves Prometheus metrics at /metrics,
/// <c>--auth on|off</c> turns sign-in on or off, <c>--allow-http</c> permits plain http on a non-loopback address,
/// <c>--open</c> shows the ledger in a browser once it listens.
/// </summary>
public sealed record CommandLine(string[] HostArgs, string? DatabasePath, bool SeedDemo, bool Metrics = false)
{
    public const string DatabaseEnvironmentVariable = "LEDGER_DB";

    public const string PostgresEnvironmentVariable = "LEDGER_POSTGRES";

    /// <summary>The Npgsql connection string given with <c>--postgres</c>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>on</c> or <c>off</c> from <c>--auth</c>; null when not given (then <c>Ledger:Auth</c>, then off).</summary>
    public string? Auth { get; init; }

    public bool AllowHttp { get; init; }

    /// <summary><c>--open</c>: open a browser window on the ledger once it listens.</summary>
    public bool Open { get; init; }

    public static CommandLine Parse(string[] args)
    {
        var rest = new List<string>();
        string? db = null;
        string? postgres = null;
        var seed = false;
        var metrics = false;
        string? auth = null;
        var allowHttp = false;
        var open = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--seed-demo")
            {
                seed = true;
            }
            else if (arg == "--metrics")
            {
                metrics = true;
            }
            else if (arg == "--allow-http")
            {
                allowHttp = true;
            }
            else if (arg == "--open")
            {
                open = true;
            }
            else if (arg == "--auth" || arg.StartsWith("--auth=", StringComparison.Ordinal))
            {
                auth = arg == "--auth" ? (i + 1 < args.Length ? args[++i] : null) : arg["--auth=".Length..];
                if (auth is not ("on" or "off"))
                {
                    throw new ArgumentException("--auth takes on or off, e.g. --auth on");
                }
            }
            else if (arg == "--db")
            {
                db = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--db needs a file path, e.g. --db ./ledger.db");
            }
            else if (arg.StartsWith("--db=", StringComparison.Ordinal))
            {
                db = arg["--db=".Length..];
            }
            else if (arg == "--postgres")
            {
                postgres = i + 1 < args.Length
                    ? args[++i]
                    : throw new ArgumentException("--postgres needs an Npgsql connection string, e.g. --postgres \"Host=localhost;Database=ledger;Username=ledger\"");
            }
            else if (arg.StartsWith("--postgres=", StringComparison.Ordinal))
            {
                postgres = arg["--postgres=".Length..];
            }
            else
            {
                rest.Add(arg);
            }
        }

        if (db is not null && postgres is not null)
        {
            throw new ArgumentException("--db and --postgres name two databases: give one.");
        }

        return new CommandLine(rest.ToArray(), db, seed, metrics) { PostgresConnectionString = postgres, Auth = auth, AllowHttp = allowHttp, Open = open };
    }

    /// <summary>
    /// Picks the database, first found wins: <c>--postgres</c> or <c>--db</c> on the command line, then
    /// LEDGER_POSTGRES, then LEDGER_DB, then configuration (<c>Ledger:Provider</c> with
    /// <c>ConnectionStrings:Ledger</c>, or <c>Ledger:DatabasePath</c>), already bound into <paramref name="options"/>.
    /// </summary>
    public void ApplyTo(LedgerOptions options, IConfiguration configuration)
    {
        if (PostgresConnectionString is not null)
        {
            UsePostgres(options, PostgresConnectionString);
        }
        else if (DatabasePath is not null)
        {
            UseSqlite(options, DatabasePath);
        }
        else if (NonEmpty(Environment.GetEnvironmentVariable(PostgresEnvironmentVariable)) is { } postgres)
        {
            UsePostgres(options, postgres);
        }
        else if (NonEmpty(Environment.GetEnvironmentVariable(DatabaseEnvironmentVariable)) is { } path)
        {
            UseSqlite(options, path);
        }
        else if (options.UsesPostgres())
        {
            options.ConnectionString ??= NonEmpty(configuration.GetConnectionString("Ledger"));
        }
    }

    private static void UsePostgres(LedgerOptions options, string connectionString)
    {
        options.Provider = LedgerOptions.Postgres;
        options.ConnectionString = connectionString;
    }

    private static void UseSqlite(LedgerOptions options, string path)
    {
        options.Provider = LedgerOptions.Sqlite;
        options.DatabasePath = path;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
