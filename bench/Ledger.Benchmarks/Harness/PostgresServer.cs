using Npgsql;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// The PostgreSQL server the PostgreSQL rows run on: the one <c>LEDGER_TEST_POSTGRES</c> names, or else
/// one this run starts with <c>scripts/test-postgres.sh</c> (the tests' and CI's way) and stops at the
/// end. Without PostgreSQL binaries there is none, and those rows are left out with a note saying why.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? script;
    private readonly string? startedIn;

    private PostgresServer(string connectionString, string origin, string? script = null, string? startedIn = null)
    {
        ConnectionString = connectionString;
        Origin = origin;
        this.script = script;
        this.startedIn = startedIn;
    }

    /// <summary>Of a role that may create databases; each scenario creates its own.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from, for the console and the document.</summary>
    public string Origin { get; }

    /// <summary>The server to use, or null with the reason in the note.</summary>
    public static async Task<(PostgresServer? Server, string Note)> FindOrStartAsync(string repositoryRoot)
    {
        if (Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable) is { Length: > 0 } configured)
        {
            var host = new NpgsqlConnectionStringBuilder(configured);
            return (new PostgresServer(configured, $"the server {PostgresTestDatabase.ServerVariable} names ({host.Host}:{host.Port})"), "");
        }

        var script = Path.Combine(repositoryRoot, "scripts", "test-postgres.sh");
        // Directly under /tmp: when run as root the script hands the folder to the postgres user, who must reach it.
        var folder = Path.Combine("/tmp", $"ledger-bench-postgres-{Environment.ProcessId}");
        RunContext.Progress($"{PostgresTestDatabase.ServerVariable} is not set: starting a PostgreSQL server of this run's own with {script} (folder {folder})...");
        var (exitCode, output, errors) = await RunScriptAsync(script, "start", folder);
        if (exitCode != 0 || output.Length == 0)
        {
            var reason = errors.Contains("no PostgreSQL binaries", StringComparison.Ordinal)
                ? "no PostgreSQL binaries on this machine (Debian: apt-get install postgresql)"
                : $"scripts/test-postgres.sh start failed: {errors.ReplaceLineEndings(" ").Trim()}";
            return (null, $"PostgreSQL rows left out: {reason}. Set {PostgresTestDatabase.ServerVariable} or install PostgreSQL to measure them.");
        }

        // The tests' helpers (PostgresTestDatabase) find the server through the same variable.
        Environment.SetEnvironmentVariable(PostgresTestDatabase.ServerVariable, output);
        return (new PostgresServer(output, $"started by this run with scripts/test-postgres.sh, stopped at its end ({folder})", script, folder), "");
    }

    /// <summary>A new empty database on the server, dropped when disposed.</summary>
    public static Task<PostgresTestDatabase> CreateDatabaseAsync(string prefix) => PostgresTestDatabase.CreateAsync(prefix);

    /// <summary>The server's version and the settings that decide what a commit costs, read back from the server.</summary>
    public async Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync()
    {
        string[] names = ["server_version", "synchronous_commit", "fsync", "wal_sync_method", "full_page_writes", "wal_level", "shared_buffers",
            "wal_buffers", "commit_delay", "max_wal_size", "checkpoint_timeout", "default_transaction_isolation", "max_connections", "jit"];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var values = new List<(string, string)>();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            values.Add((name, (string)(await command.ExecuteScalarAsync())!));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (script is not null && startedIn is not null)
        {
            await RunScriptAsync(script, "stop", startedIn);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunScriptAsync(string script, string verb, string folder)
    {
        var start = new ProcessStartInfo("bash", [script, verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["LEDGER_TEST_POSTGRES_DIR"] = folder;
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await output).Trim(), await errors);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, "", exception.Message);
        }
    }
}
