namespace Ledger.EndToEnd.Tests;

/// <summary>The real Ledger.Web as a child process: Kestrel on a free loopback port, a fresh database of its own.</summary>
public sealed class LedgerApp : IAsyncDisposable
{
    private readonly LedgerWebProcess process;
    private readonly bool ownsDatabase;

    private LedgerApp(LedgerWebProcess process, TestDatabase database, bool ownsDatabase = true)
    {
        this.process = process;
        this.ownsDatabase = ownsDatabase;
        Database = database;
    }

    public Uri BaseUrl => process.BaseUrl;

    public TestDatabase Database { get; }

    public string Output => process.Output;

    /// <summary>Starts the app on <paramref name="database"/> (removed with it).</summary>
    /// <param name="database">The database, which the app owns from then on.</param>
    /// <param name="arguments">Extra switches, such as <c>--seed-demo</c> or <c>--auth on</c>.</param>
    public static async Task<LedgerApp> StartAsync(TestDatabase database, params string[] arguments)
    {
        try
        {
            return new LedgerApp(await StartProcessAsync(database, arguments), database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second instance on <paramref name="first"/>'s database (a PostgreSQL one): the database stays <paramref name="first"/>'s.</summary>
    public static async Task<LedgerApp> StartAnotherAsync(LedgerApp first) =>
        new(await StartProcessAsync(first.Database, []), first.Database, ownsDatabase: false);

    private static Task<LedgerWebProcess> StartProcessAsync(TestDatabase database, string[] arguments) =>
        LedgerWebProcess.StartAsync(new LedgerWebStartInfo(database)
        {
            // Development serves static web assets (MudBlazor's CSS and JS) straight from the build output.
            Environment = "Development",
            WorkingDirectory = LedgerWebBuild.ProjectDirectory(),
            // The home page, not just /health: a journey needs the UI to render.
            ReadinessPath = "/",
            StartTimeout = TimeSpan.FromSeconds(90),
            Arguments = arguments,
        });

    /// <summary>What the HTTP API's time-travel query says about an account at a moment: the reference the UI must match.</summary>
    public async Task<(long Version, decimal Balance)> StateAtAsync(string accountId, DateTimeOffset at)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var url = $"/api/accounts/{accountId}/state?at={Uri.EscapeDataString(at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
        using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(url));
        return (json.RootElement.GetProperty("version").GetInt64(), json.RootElement.GetProperty("balance").GetDecimal());
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
