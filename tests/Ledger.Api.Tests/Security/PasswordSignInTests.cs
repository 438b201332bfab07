using Ledger.Web.Access;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// What a sign-in leaves in the browser, and what each answer costs the server: the same one password hash for a
/// right password, a wrong one, an unknown name and a blank one, so the time an answer takes does not tell which
/// names exist.
/// </summary>
public sealed class PasswordSignInTests : IAsyncLifetime
{
    private readonly CountingHasher hasher = new();
    private readonly SignInApp app;

    public PasswordSignInTests() =>
        app = new SignInApp(null, services => services.AddSingleton<IPasswordHasher<IdentityUser>>(hasher));

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheSignInCookie_EndsWithTheBrowserSession_AndNoScriptOrOtherSiteGetsIt()
    {
        using var response = await app.PostLoginAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk));

        var cookie = SignInApp.SignInCookie(response);
        Assert.NotNull(cookie);
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);

        // A session cookie: closing the browser signs out (a shared desk), while the server still ends the sign-in
        // after its lifetime however long the browser stays open.
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SignInApp.Clerk, true)]
    [InlineData(SignInApp.Clerk, false)]
    [InlineData("nobody-at-all", false)]
    public async Task EveryAnswer_CostsExactlyOnePasswordHash(string name, bool rightPassword)
    {
        var before = hasher.Verifications;

        var (cookie, _) = await app.SignInAsync(name, rightPassword ? SignInApp.PasswordOf(name) : "a wrong but long password");

        Assert.Equal(rightPassword, cookie is not null);
        Assert.Equal(before + 1, hasher.Verifications);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankName_IsRefused_AfterTheSameOneHash(string name)
    {
        var before = hasher.Verifications;

        var signedIn = await app.InScopeAsync(s => s.GetRequiredService<PasswordSignIn>().SignInAsync(name, "a password"));

        Assert.False(signedIn);
        Assert.Equal(before + 1, hasher.Verifications);
    }

    /// <summary>The app's hasher, counting how often a password is checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
