using System.Security.Cryptography;
using System.Text;
using Ledger.Infrastructure.Application.Access;
using Ledger.Infrastructure.Users;

namespace Ledger.Infrastructure.Tests.Users;

/// <summary>API tokens: shown once, stored as a hash, and checked afresh on every use (revocation, expiry, role, removal).</summary>
public sealed class ApiTokenStoreTests : UsersTestBase
{
    [Fact]
    public async Task ACreatedToken_ActsAsItsUser_AndOnlyItsSha256IsStored()
    {
        await Users.AddAsync("carl", LedgerRoles.Clerk, Password);
        var issued = await Users.TokenAsync("carl");

        var check = await Users.CheckAsync(issued.Token);
        Assert.True(check.Valid, check.Failure);
        Assert.Equal(("carl", LedgerRoles.Clerk), (check.UserName, check.Role));

        var row = await Users.DbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync());
        Assert.Equal(issued.Id, row.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), row.TokenHash);
        Assert.DoesNotContain(issued.Token[(ApiTokenSecret.Prefix.Length + ApiTokenSecret.IdLength + 1)..], row.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenThatWasRevoked_Expired_Altered_OrWhoseUserWasRemoved_DoesNotCount()
    {
        await Users.AddAsync("carl", LedgerRoles.Clerk, Password);
        var revoked = await Users.TokenAsync("carl");
        var expired = await Users.TokenAsync("carl");
        var kept = await Users.TokenAsync("carl");

        Assert.Equal("carl", await Users.InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().RevokeAsync(revoked.Id)));
        await Users.DbAsync(db => db.ApiTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var altered = kept.Token[..^1] + (kept.Token[^1] == 'A' ? 'B' : 'A');

        Assert.Equal("The bearer token has been revoked.", (await Users.CheckAsync(revoked.Token)).Failure);
        Assert.Equal("The bearer token has expired.", (await Users.CheckAsync(expired.Token)).Failure);
        Assert.Equal("The bearer token is not known.", (await Users.CheckAsync(altered)).Failure);
        Assert.Equal("The bearer token is not a Ledger API token.", (await Users.CheckAsync("not-a-token")).Failure);
        Assert.True((await Users.CheckAsync(kept.Token)).Valid);

        var listed = await Users.InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().ListAsync("carl"));
        Assert.Equal(["revoked", "expired", "active"], listed.Select(t => t.StatusAt(DateTimeOffset.UtcNow)));

        await Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().RemoveAsync("carl"));
        Assert.False((await Users.CheckAsync(kept.Token)).Valid);
        Assert.Equal(0, await Users.DbAsync(db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task AToken_ActsWithItsUsersRoleAtTheTimeOfUse()
    {
        await Users.AddAsync("vera", LedgerRoles.Viewer, Password);
        var issued = await Users.TokenAsync("vera");
        await Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetRoleAsync("vera", LedgerRoles.Clerk));
        Assert.Equal(LedgerRoles.Clerk, (await Users.CheckAsync(issued.Token)).Role);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public async Task ALifetimeOutsideOneDayToAYear_IsRefused(int days)
    {
        await Users.AddAsync("carl", LedgerRoles.Clerk, Password);
        await Assert.ThrowsAsync<UsersRefusedException>(() => Users.TokenAsync("carl", days));
    }
}
