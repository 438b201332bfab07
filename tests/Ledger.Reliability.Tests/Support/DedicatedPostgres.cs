namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// A PostgreSQL server of a test class's own, started with the developers' script
/// (<c>scripts/test-postgres.sh</c>) in a folder of its own, so that stopping, crashing and restarting it
/// never touches the shared server every other test uses. Started on first use (a class whose tests are
/// all skipped starts nothing) and deleted with the fixture.
/// </summary>
public sealed class DedicatedPostgres : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"ledger-fault-postgres-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim starting = new(1, 1);
    private string? connectionString;

    /// <summary>The server's connection string (role <c>ledger</c> may create databases); starts it the first time.</summary>
    public async Task<string> ConnectionStringAsync()
    {
        // Without a shared server there are no PostgreSQL binaries to trust either: skip (or fail on CI) the same way.
        PostgresTestDatabase.ServerConnectionString();
        await starting.WaitAsync();
        try
        {
            return connectionString ??= (await ScriptAsync("start")).Trim();
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>A new database on this server, dropped when disposed.</summary>
    public async Task<PostgresTestDatabase> NewDatabaseAsync(string prefix) =>
        await PostgresTestDatabase.CreateAsync(prefix, await ConnectionStringAsync());

    /// <summary><c>pg_ctl restart -m immediate</c>: every connection dies at once, the server recovers from its WAL, same port.</summary>
    public Task RestartImmediateAsync() => ScriptAsync("restart-immediate");

    /// <summary>An immediate shutdown that leaves the server down until <see cref="UpAsync"/>.</summary>
    public Task DownAsync() => ScriptAsync("down");

    public Task UpAsync() => ScriptAsync("up");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (connectionString is not null)
        {
            await ScriptAsync("stop");
        }
    }

    private async Task<string> ScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(LedgerWebBuild.RepositoryRoot(), "scripts", "test-postgres.sh"));
        start.ArgumentList.Add(verb);
        start.Environment["LEDGER_TEST_POSTGRES_DIR"] = folder;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/test-postgres.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/test-postgres.sh {verb} failed ({process.ExitCode}):{Environment.NewLine}{await output}{await error}");
        }

        return await output;
    }
}
