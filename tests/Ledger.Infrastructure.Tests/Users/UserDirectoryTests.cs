using Ledger.Infrastructure.Application.Access;
using Ledger.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Tests.Users;

/// <summary>Users and roles in the ledger's own database, through Identity, on either engine.</summary>
public sealed class UserDirectoryTests : UsersTestBase
{
    [Fact]
    public async Task AddedUser_HasItsRole_AndOnlyASaltedSlowHashOfThePasswordIsStored()
    {
        await Users.AddAsync("carl", LedgerRoles.Clerk, Password);

        var stored = await Users.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "carl"));
        Assert.NotNull(stored.PasswordHash);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);

        // Identity's format 3: a marker byte, then PBKDF2 with HMAC-SHA512, its iterations and a random salt.
        Assert.Equal(0x01, Convert.FromBase64String(stored.PasswordHash)[0]);
        var verdict = new PasswordHasher<IdentityUser>().VerifyHashedPassword(stored, stored.PasswordHash, Password);
        Assert.Equal(PasswordVerificationResult.Success, verdict);

        var listed = await Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().ListAsync());
        Assert.Equal(("carl", LedgerRoles.Clerk), (Assert.Single(listed).Name, listed[0].Role));
    }

    [Theory]
    [InlineData("carl", "clerk", "eleven char", "at least 12 characters")]
    [InlineData("carl", "boss", Password, "one of viewer, clerk, admin")]
    [InlineData("carl smith", "clerk", Password, "is invalid")]
    [InlineData("", "clerk", Password, "1 to 64 characters")]
    public async Task Add_RefusesWhatIsNotAllowed_AndCreatesNoUser(string name, string role, string password, string reason)
    {
        var refused = await Assert.ThrowsAsync<UsersRefusedException>(() => Users.AddAsync(name, role, password));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Users.DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Add_RefusesANameThatIsTaken()
    {
        await Users.AddAsync("ada", LedgerRoles.Admin, Password);
        var refused = await Assert.ThrowsAsync<UsersRefusedException>(() => Users.AddAsync("ada", LedgerRoles.Viewer, Password));
        Assert.Equal("There is already a user 'ada'.", refused.Message);
    }

    [Fact]
    public async Task SetRole_ReplacesTheRole_AndChangesTheSecurityStamp_SoBrowserSignInsEnd()
    {
        await Users.AddAsync("vera", LedgerRoles.Viewer, Password);
        var before = await Users.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "vera"));

        await Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetRoleAsync("vera", LedgerRoles.Admin));

        var after = await Users.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "vera"));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        var listed = await Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().ListAsync());
        Assert.Equal(LedgerRoles.Admin, Assert.Single(listed).Role);
    }

    [Fact]
    public async Task SetPassword_RefusesATooShortOne_AndKeepsTheOldPassword()
    {
        await Users.AddAsync("vera", LedgerRoles.Viewer, Password);
        await Assert.ThrowsAsync<UsersRefusedException>(() => Users.InScopeAsync(s => s.GetRequiredService<UserDirectory>().SetPasswordAsync("vera", "short")));

        var stillWorks = await Users.InScopeAsync(async s =>
        {
            var manager = s.GetRequiredService<UserManager<IdentityUser>>();
            return await manager.CheckPasswordAsync((await manager.FindByNameAsync("vera"))!, Password);
        });
        Assert.True(stillWorks);
    }

    [Fact]
    public async Task UsersTables_MigrateForwardOnAnExistingLedger_WithoutTouchingItsEvents_AndTwiceIsHarmless()
    {
        await using var plain = await TestLedger.StartAsync();
        await plain.Mediator.Send(new Application.Commands.OpenAccountCommand("OLD-1", "h", "H", "EUR", 10m));

        await using var users = await UsersLedger.StartAsync(plain.Database.Borrow());
        await UsersDatabase.InitializeAsync(users.Ledger.Services);
        await users.AddAsync("ada", LedgerRoles.Admin, Password);

        Assert.Equal(1, await users.Ledger.EventCountAsync());
        Assert.Equal(3, await users.DbAsync(db => db.Roles.CountAsync()));
        Assert.False(await users.DbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())), "the users' model has changes no migration holds");
        Assert.Empty(await users.DbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
