using System.Security.Cryptography;
using System.Text;
using Ledger.Infrastructure.Application.Access;
using Ledger.Infrastructure.Users;

namespace Ledger.Infrastructure.Tests.Users;

/// <summary>API tokens: shown once, stored as a hash, and checked afresh on every use (revocation, expiry, role, removal).</summary>
public sealed class ApiTokenStoreTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task ACreatedToken_ActsAsItsUser_AndOnlyItsSha256IsStored()
    {
        await using var users = await UsersLedger.StartAsync();
        await users.AddAsync("carl", LedgerRoles.Clerk, Password);
        var issued = await users.TokenAsync("carl");

        var check = await users.CheckAsync(issued.Token);
        Assert.True(check.Valid, check.Failure);
        Assert.Equal(("carl", LedgerRoles.Clerk), (check.UserName, check.Role));

        var row = await users.DbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync());
        Assert.Equal(issued.Id, row.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), row.TokenHash);
        Assert.DoesNotContain(issued.Token[(ApiTokenSecret.Prefix.Length + ApiTokenSecret.IdLength + 1)..], row.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenThatWasRevoked_Expired_Altered_OrWhoseUserWasRemoved_DoesNotCount()
    {
        await using var users = await UsersLedger.StartAsync();
        await users.AddAsync("carl", LedgerRoles.Clerk, Password);
        var revoked = await users.TokenAsync("carl");
        var expired = await users.TokenAsync("carl");
        var kept = await users.TokenAsync("carl");

        Assert.Equal("carl", await users.InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().RevokeAsync(revoked.Id)));
        await users.DbAsync(db => db.ApiTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var altered = kept.Token[..^1] + (kept.Token[^1] == 'A' ? 'B' : 'A');

        Assert.Equal("The bearer token has been revoked.", (await users.CheckAsync(revoked.Token)).Failure);
        Assert.Equal("The bearer token has expired.", (await users.CheckAsync(expired.Token)).Failure);
        Assert.Equal("The bearer token is not known.", (await users.CheckAsync(altered)).Failure);
        Assert.Equal("The bearer token is not a Ledger API token.", (await users.CheckAsync("not-a-token")).Failure);
        Assert.True((await users.CheckAsync(kept.Token)).Valid);

        var listed = await users.InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().ListAsync("carl"));
        Assert.Equal(["revoked", "expired", "active"], listed.Select(t => t.StatusAt(DateTimeOffset.UtcNow)));

        await users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().RemoveAsync("carl"));
        Assert.False((await users.CheckAsync(kept.Token)).Valid);
        Assert.Equal(0, await users.DbAsync(db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task AToken_ActsWithItsUsersRoleAtTheTimeOfUse()
    {
        await using var users = await UsersLedger.StartAsync();
        await users.AddAsync("vera", LedgerRoles.Viewer, Password);
        var issued = await users.TokenAsync("vera");
        await users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetRoleAsync("vera", LedgerRoles.Clerk));
        Assert.Equal(LedgerRoles.Clerk, (await users.CheckAsync(issued.Token)).Role);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public async Task ALifetimeOutsideOneDayToAYear_IsRefused(int days)
    {
        await using var users = await UsersLedger.StartAsync();
        await users.AddAsync("carl", LedgerRoles.Clerk, Password);
        await Assert.ThrowsAsync<UsersRefusedException>(() => users.TokenAsync("carl", days));
    }
}
