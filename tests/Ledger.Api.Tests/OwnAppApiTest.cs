namespace Ledger.Api.Tests;

/// <summary>
/// A test class whose tests each get an app and database of their own, for answers about the whole ledger
/// (lists, totals, status) or that need settings of their own; <see cref="SeedAsync"/> puts what each test starts from.
/// </summary>
public abstract class OwnAppApiTest(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    protected LedgerApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await LedgerApiFactory.CreateAsync(services: ConfigureServices, settings: settings);
        Client = Factory.CreateClient();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>Services the test's app uses instead of its own; none by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>What every test of the class starts from; nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
