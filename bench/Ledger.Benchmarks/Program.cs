using Ledger.Benchmarks.Scenarios;

if (args.Length >= 3 && args[0] == M8Memory.ChildSwitch)
{
    return await M8Memory.ChildAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

var quick = args.Contains("--quick");
var only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
var dataDirectory = Path.Combine(Value("--data") ?? Path.GetTempPath(), $"ledger-bench-{Environment.ProcessId}");
Directory.CreateDirectory(dataDirectory);

// Order matters where scenarios share data: M5 seeds the large database, M7 builds its read model, M6 reads it.
// Each PostgreSQL row follows its SQLite one (same scenario code, "-pg" ids), with its own big database.
var sqlite = BenchEngine.Sqlite;
var postgresEngine = BenchEngine.Postgres;
Scenario[] all =
[
    new M1DurableWrites(sqlite), new M1DurableWrites(postgresEngine), new M2ConcurrentWrites(sqlite), new M2ConcurrentWrites(postgresEngine),
    new M3Dispatch(), new M4AppendOverhead(), new M5AggregateLoad(sqlite), new M7Rebuild(sqlite), new M6TimeTravel(sqlite),
    new M5AggregateLoad(postgresEngine), new M7Rebuild(postgresEngine), new M6TimeTravel(postgresEngine), new M9Marten(), new M8Memory(),
    new M10HttpDeposits(sqlite), new M10HttpDeposits(postgresEngine),
];
var scenarios = all.Where(s => only is null || only.Contains(s.Id)).ToArray();
var context = new RunContext(quick, dataDirectory);
var postgresNote = "";
IReadOnlyList<(string Name, string Value)> postgresSettings = [];
if (scenarios.Any(s => s.Id.EndsWith(postgresEngine.Suffix, StringComparison.Ordinal)))
{
    (context.Postgres, postgresNote) = await PostgresServer.FindOrStartAsync(RepositoryRoot());
    if (context.Postgres is null)
    {
        Console.WriteLine(postgresNote);
        scenarios = scenarios.Where(s => !s.Id.EndsWith(postgresEngine.Suffix, StringComparison.Ordinal)).ToArray();
    }
    else
    {
        postgresSettings = await context.Postgres.SettingsAsync();
        postgresNote = $"Server: {context.Postgres.Origin}.";
        Console.WriteLine("PostgreSQL: " + string.Join(", ", postgresSettings.Select(p => $"{p.Name}={p.Value}")) + "; " + context.Postgres.Origin);
    }
}

var started = DateTime.UtcNow;
var clock = Stopwatch.StartNew();
var machine = Machine.Describe(dataDirectory);
Console.WriteLine($"Ledger benchmarks, {(quick ? "quick" : "full")} run: {string.Join(", ", scenarios.Select(s => s.Id))}");
Console.WriteLine($"{machine.Cpu}, {machine.Cores} cores, {machine.Memory}; {machine.Os}; {machine.Runtime}; SQLite {machine.SqliteVersion}; load {machine.LoadAverage}");
var pragmas = await Pragmas.ReadAsync(context.DatabasePath("pragmas"));
Console.WriteLine("Pragmas: " + string.Join(", ", pragmas.Select(p => $"{p.Name}={p.Value}")));

var results = new List<ScenarioResult>();
var failed = new List<string>();
try
{
    foreach (var scenario in scenarios)
    {
        RunContext.Progress($"{scenario.Id} {scenario.Title}...");
        try
        {
            var timer = Stopwatch.StartNew();
            var measured = await scenario.MeasureAsync(context);
            var result = new ScenarioResult(scenario.Id, scenario.Title, measured.Rows, measured.Setup, measured.Reading, timer.Elapsed);
            results.Add(result);
            Console.WriteLine();
            Console.Write(Document.Table(result.Rows));
            RunContext.Progress($"{scenario.Id} done in {result.Duration.TotalSeconds:N1} s");
        }
        catch (Exception exception)
        {
            failed.Add(scenario.Id);
            Console.Error.WriteLine($"{scenario.Id} failed: {exception}");
        }
    }
}
finally
{
    foreach (var owned in context.Owned)
    {
        await owned.DisposeAsync();
    }

    if (context.Postgres is not null)
    {
        await context.Postgres.DisposeAsync();
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (args.Contains("--keep"))
    {
        // For profiling a scenario's data after the run.
        Console.Error.WriteLine($"Kept {dataDirectory}");
    }
    else
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"Could not remove {dataDirectory}: {exception.Message}");
        }
    }
}

// SQLite's rows first as before, each PostgreSQL scenario after them in the same order.
var ordered = results.OrderBy(r => r.Id.EndsWith(postgresEngine.Suffix, StringComparison.Ordinal)).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
Console.WriteLine();
Console.WriteLine($"All results ({(quick ? "quick sizes: figures are not comparable with the targets" : "full sizes")}):");
Console.WriteLine();
Console.Write(Document.Table(ordered.SelectMany(r => r.Rows)));
Console.WriteLine();
Console.WriteLine($"Finished in {clock.Elapsed.TotalSeconds:N1} s; load average now {Machine.ReadLoad()}.");

if (!quick && only is null && failed.Count == 0)
{
    var path = Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
    var loadNote = Machine.OneMinuteLoad() > machine.Cores
        ? $" (above the core count: other work shared the machine, so absolute figures are pessimistic)"
        : "";
    var summary = new RunSummary(started, GitCommit(), clock.Elapsed, machine, Machine.ReadLoad(), loadNote, pragmas, ordered, postgresSettings, postgresNote);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await File.WriteAllTextAsync(path, Document.Markdown(summary));
    Console.WriteLine($"Wrote {path}");
}

if (failed.Count > 0)
{
    Console.Error.WriteLine($"Failed: {string.Join(", ", failed)}");
    return 1;
}

return 0;

string? Value(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ledger.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}

static string GitCommit()
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() });
        var commit = git!.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? commit : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
