using Ledger.Infrastructure;
using Xunit;

namespace Ledger.TestSupport;

/// <summary>
/// A test class whose tests each get a ledger of their own (xunit makes one instance a test): started with
/// <paramref name="configure"/>, seeded by <see cref="SeedAsync"/> before the test runs, disposed after it.
/// </summary>
public abstract class LedgerTestBase(Action<LedgerOptions>? configure = null) : IAsyncLifetime
{
    /// <summary>The ledger this test runs against.</summary>
    protected TestLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ledger = await TestLedger.StartAsync(configure);
        await SeedAsync();
    }

    public async Task DisposeAsync() => await Ledger.DisposeAsync();

    /// <summary>What every test of the class starts from; nothing unless a class says otherwise.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
