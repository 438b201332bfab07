using Ledger.Infrastructure.Users;
using Ledger.Infrastructure.Users.Model;

namespace Ledger.Infrastructure.Tests.Users;

/// <summary>A test ledger with the users' tables, and one scope per operation as a request or a command-line verb has.</summary>
internal sealed class UsersLedger(TestLedger ledger) : IAsyncDisposable
{
    public TestLedger Ledger { get; } = ledger;

    public static async Task<UsersLedger> StartAsync(TestDatabase? database = null, Action<IServiceCollection>? services = null)
    {
        var ledger = await TestLedger.StartAsync(database: database, services: s =>
        {
            s.AddLedgerUsers();
            services?.Invoke(s);
        });
        await UsersDatabase.InitializeAsync(ledger.Services);
        return new UsersLedger(ledger);
    }

    public Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => Ledger.Services.InScopeAsync(work);

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => Ledger.Services.InScopeAsync(work);

    public Task AddAsync(string name, string role, string password) =>
        InScopeAsync(s => s.GetRequiredService<UserDirectory>().AddAsync(name, role, password));

    public Task<IssuedApiToken> TokenAsync(string name, int days = 30) =>
        InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().CreateAsync(name, days));

    public Task<ApiTokenCheck> CheckAsync(string token) =>
        InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().CheckAsync(token));

    public Task<T> DbAsync<T>(Func<UsersDbContext, Task<T>> read) => InScopeAsync(s => read(s.GetRequiredService<UsersDbContext>()));

    public ValueTask DisposeAsync() => Ledger.DisposeAsync();
}
