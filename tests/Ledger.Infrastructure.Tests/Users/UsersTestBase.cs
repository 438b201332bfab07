namespace Ledger.Infrastructure.Tests.Users;

/// <summary>A test class whose tests each get a ledger of their own with the users' tables (xunit makes one instance a test).</summary>
public abstract class UsersTestBase : IAsyncLifetime
{
    protected const string Password = "correct horse battery staple";

    internal UsersLedger Users { get; private set; } = null!;

    public async Task InitializeAsync() => Users = await UsersLedger.StartAsync();

    public async Task DisposeAsync() => await Users.DisposeAsync();
}
