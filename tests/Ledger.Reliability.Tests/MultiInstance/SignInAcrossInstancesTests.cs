using Ledger.Reliability.Tests.Http;

namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Issue 14: what a browser holds from one instance works on another. The cookie is signed with the
/// data-protection keys, which live in the database (<c>data_protection_keys</c>), not in either process.
/// </summary>
public sealed class SignInAcrossInstancesTests
{
    [PostgresOnlyFact(Instances.Why)]
    public async Task ACookieIssuedByOneInstance_IsAcceptedByAnother_AndAForgedOneByNeither()
    {
        await using var database = await TestDatabase.NewAsync("ledger-multi-signin");
        await SignedInApp.AddUserAsync(database, "ada", "admin");
        var homes = new[] { Directory.CreateTempSubdirectory("ledger-multi-home-").FullName, Directory.CreateTempSubdirectory("ledger-multi-home-").FullName };
        try
        {
            await using var first = await SignedInApp.StartAsync(database, homes[0]);
            await using var second = await SignedInApp.StartAsync(database, homes[1]);
            var cookie = await SignedInApp.SignInAsync(first, "ada");

            Assert.Contains(">ada<", await SignedInApp.PageAsync(second, "/accounts", cookie) ?? "(sent to sign in)", StringComparison.Ordinal);
            Assert.Contains(">ada<", await SignedInApp.PageAsync(first, "/accounts", cookie) ?? "(sent to sign in)", StringComparison.Ordinal);
            Assert.Null(await SignedInApp.PageAsync(second, "/accounts", cookie[..^4] + "AAAA"));
        }
        finally
        {
            foreach (var home in homes)
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
