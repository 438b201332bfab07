namespace Ledger.Web;

/// <summary>
/// Ledger's own switches, taken out of the arguments before ASP.NET Core reads the rest:
/// <c>--db PATH</c> picks the database file, <c>--seed-demo</c> loads the sample ledger at start,
/// <c>--metrics</c> serves Prometheus metrics at /metrics.
/// </summary>
public sealed record CommandLine(string[] HostArgs, string? DatabasePath, bool SeedDemo, bool Metrics = false)
{
    public const string DatabaseEnvironmentVariable = "LEDGER_DB";

    public static CommandLine Parse(string[] args)
    {
        var rest = new List<string>();
        string? db = null;
        var seed = false;
        var metrics = false;
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
            else if (arg == "--db")
            {
                db = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--db needs a file path, e.g. --db ./ledger.db");
            }
            else if (arg.StartsWith("--db=", StringComparison.Ordinal))
            {
                db = arg["--db=".Length..];
            }
            else
            {
                rest.Add(arg);
            }
        }

        return new CommandLine(rest.ToArray(), db, seed, metrics);
    }

    /// <summary>--db wins over LEDGER_DB, which wins over Ledger:DatabasePath in configuration.</summary>
    public string? ResolveDatabasePath() =>
        DatabasePath ?? NonEmpty(Environment.GetEnvironmentVariable(DatabaseEnvironmentVariable));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
