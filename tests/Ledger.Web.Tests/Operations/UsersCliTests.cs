using Ledger.Infrastructure;
using Ledger.Infrastructure.Users;
using Ledger.Web.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests.Operations;

/// <summary>
/// <c>users</c> and <c>tokens</c> as an operator runs them: the password from the first line of standard input, the
/// token printed once, refusals with exit code 1 and a reason, a wrong command line with 2 and the usage.
/// </summary>
public sealed class UsersCliTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly SqliteTestDatabase database = TestDatabase.NewSqlite("ledger-users-cli");

    [Fact]
    public async Task UsersAdd_TakesTheFirstLineOfStandardInput_AsThePassword()
    {
        var added = await RunAsync(Password + "\nsecond line is not read\n", "users", "add", "carl", "--role", "clerk");

        Assert.True(added.Code == 0, added.Error);
        Assert.Contains("role:          clerk", added.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, added.Output + added.Error, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync("carl", Password));
        Assert.Contains("carl:          clerk", (await RunAsync("", "users", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_RefusesAShortPasswordOrNone_AndAddsNobody()
    {
        var shortOne = await RunAsync("eleven char\n", "users", "add", "carl", "--role", "clerk");
        Assert.Equal(OperationsCli.Failed, shortOne.Code);
        Assert.Contains("Passwords must be at least 12 characters.", shortOne.Error, StringComparison.Ordinal);

        var none = await RunAsync("", "users", "add", "carl", "--role", "clerk");
        Assert.Equal(OperationsCli.Usage, none.Code);
        Assert.Contains("no password", none.Error, StringComparison.Ordinal);

        Assert.Contains("none yet", (await RunAsync("", "users", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoleAndRemove_ChangeTheUser()
    {
        await RunAsync(Password + "\n", "users", "add", "vera", "--role", "viewer");

        Assert.Equal(0, (await RunAsync("", "users", "set-role", "vera", "admin")).Code);
        Assert.Contains("vera:          admin", (await RunAsync("", "users", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("", "users", "remove", "vera")).Code);
        Assert.Equal(OperationsCli.Failed, (await RunAsync("", "users", "remove", "vera")).Code);
        Assert.Equal(OperationsCli.Failed, (await RunAsync("", "users", "set-role", "nobody", "admin")).Code);
    }

    [Fact]
    public async Task TokensCreate_PrintsTheTokenOnce_ListShowsOnlyItsId_AndRevokeMarksIt()
    {
        await RunAsync(Password + "\n", "users", "add", "carl", "--role", "clerk");

        var created = await RunAsync("", "tokens", "create", "carl", "--days", "7");
        Assert.True(created.Code == 0, created.Error);
        var token = Fact(created.Output, "token");
        var id = Fact(created.Output, "id");
        Assert.StartsWith("ldg_" + id + "_", token, StringComparison.Ordinal);

        var listed = await RunAsync("", "tokens", "list", "carl");
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.Contains("active", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("", "tokens", "revoke", id)).Code);
        Assert.Contains("revoked", (await RunAsync("", "tokens", "list", "carl")).Output, StringComparison.Ordinal);
        Assert.Equal(OperationsCli.Failed, (await RunAsync("", "tokens", "revoke", "nosuchtoken1")).Code);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("users", "frobnicate")]
    [InlineData("users", "add", "carl")]
    [InlineData("users", "add", "carl", "--role", "clerk", "--rol", "x")]
    [InlineData("tokens", "create", "carl", "--days", "0")]
    [InlineData("tokens", "create", "carl", "--days", "367")]
    [InlineData("tokens", "list")]
    public async Task AWrongCommandLine_Exits2_WithTheUsage(params string[] args)
    {
        await RunAsync(Password + "\n", "users", "add", "carl", "--role", "clerk");
        var result = await RunAsync(Password + "\n", args);
        Assert.Equal(OperationsCli.Usage, result.Code);
        Assert.Contains("usage:", result.Error, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await UsersCli.RunAsync([.. args, "--db", database.Path], new StringReader(input), output, error);
        return (code ?? -1, output.ToString(), error.ToString());
    }

    private async Task<bool> PasswordWorksAsync(string name, string password)
    {
        var services = new ServiceCollection().AddLogging().AddLedger(o => o.DatabasePath = database.Path);
        services.AddLedgerUsers();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, password);
    }

    private static string Fact(string output, string name) =>
        output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
}
