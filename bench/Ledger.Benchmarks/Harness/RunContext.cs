namespace Ledger.Benchmarks.Harness;

/// <summary>How big each scenario runs: the full sizes of issue 6, or small ones that finish in seconds.</summary>
public sealed record Sizes(
    int M1Commands,
    int M1Repetitions,
    int M2CommandsPerClient,
    int M2Repetitions,
    int M4Appends,
    int M4Repetitions,
    int[] M5StreamLengths,
    int M6AccountEvents,
    int M6Queries,
    int M6LedgerAccounts,
    int M6LedgerQueries,
    long M7TotalEvents,
    int M7Repetitions,
    int M8Events,
    int M8OpenAccounts)
{
    public static Sizes Full { get; } = new(
        M1Commands: 1_000, M1Repetitions: 15,
        M2CommandsPerClient: 100, M2Repetitions: 5,
        M4Appends: 2_000, M4Repetitions: 5,
        M5StreamLengths: [1_000, 10_000, 100_000],
        M6AccountEvents: 100_000, M6Queries: 400, M6LedgerAccounts: 10_000, M6LedgerQueries: 30,
        M7TotalEvents: 1_000_000, M7Repetitions: 3,
        M8Events: 100_000, M8OpenAccounts: 20);

    public static Sizes Quick { get; } = new(
        M1Commands: 60, M1Repetitions: 2,
        M2CommandsPerClient: 5, M2Repetitions: 1,
        M4Appends: 200, M4Repetitions: 2,
        M5StreamLengths: [100, 1_000, 5_000],
        M6AccountEvents: 5_000, M6Queries: 50, M6LedgerAccounts: 300, M6LedgerQueries: 5,
        M7TotalEvents: 20_000, M7Repetitions: 1,
        M8Events: 5_000, M8OpenAccounts: 20);
}

/// <summary>What every scenario shares in one run: sizes, a scratch folder, and figures one scenario hands another.</summary>
public sealed class RunContext(bool quick, string dataDirectory)
{
    public bool Quick { get; } = quick;

    public Sizes Sizes { get; } = quick ? Sizes.Quick : Sizes.Full;

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Figures measured by one scenario and used as another's baseline (e.g. M7's raw scan for M6).</summary>
    public Dictionary<string, double> Shared { get; } = new(StringComparer.Ordinal);

    /// <summary>The shared large database of each engine, once seeded (see <see cref="BigLedger.GetAsync"/>).</summary>
    public Dictionary<string, BigLedger> Big { get; } = new(StringComparer.Ordinal);

    /// <summary>The PostgreSQL server of this run; null when there is none (its rows are left out).</summary>
    public PostgresServer? Postgres { get; set; }

    /// <summary>Databases that live as long as the run (the PostgreSQL big ledger), dropped at its end.</summary>
    public List<IAsyncDisposable> Owned { get; } = [];

    public string DatabasePath(string name) => Path.Combine(DataDirectory, name + ".db");

    public static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>One scenario of the benchmark document: its rows, each against a baseline measured in the same run.</summary>
public abstract class Scenario(string id, string title)
{
    public string Id => id;

    public string Title => title;

    /// <summary>Runs the scenario; the harness times it and files its rows under <see cref="Id"/> and <see cref="Title"/>.</summary>
    public abstract Task<Measurement> MeasureAsync(RunContext context);
}
