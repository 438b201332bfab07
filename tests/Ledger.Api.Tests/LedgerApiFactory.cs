using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Ledger.Api.Tests;

/// <summary>
/// The whole Ledger.Web app in memory over a test database (a new one of the suite's engine when none is
/// given, see <see cref="CreateAsync"/>). Give another factory's <see cref="TestDatabase.Borrow"/> to play
/// a restart: the data outlives a factory that did not create it.
/// </summary>
public sealed class LedgerApiFactory(
    TestDatabase database,
    Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    static LedgerApiFactory()
    {
        // LEDGER_DB or LEDGER_POSTGRES would win over the test's database; a developer's setting must never reach a test.
        Environment.SetEnvironmentVariable(CommandLine.DatabaseEnvironmentVariable, null);
        Environment.SetEnvironmentVariable(CommandLine.PostgresEnvironmentVariable, null);
    }

    public TestDatabase Database { get; } = database;

    /// <summary>The app over <paramref name="database"/>, or over a new database of the suite's engine (removed with the factory).</summary>
    public static async Task<LedgerApiFactory> CreateAsync(
        TestDatabase? database = null,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string>? settings = null) =>
        new(database ?? await TestDatabase.NewAsync("ledger-api-test"), services, settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Ledger:Synchronous", TestLedger.Synchronous);
        // The in-memory server "listens" where the test client sends its requests (Host: localhost), so the
        // app's host filter, which trusts only the addresses it listens on, lets the tests in and no one else.
        builder.UseSetting("urls", "http://localhost");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One app and database per test class; tests use their own account ids, so they do not interfere.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public LedgerApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await LedgerApiFactory.CreateAsync();
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
