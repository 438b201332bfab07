using Ledger.Web.Components.Pages.Login;

namespace Ledger.Api.Tests.Security;

/// <summary>Sign-in off (the default on loopback) is the single-user app it always was: no users' tables, no sign-in, X-Actor as sent.</summary>
public sealed class SignInOffTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task WithSignInOff_TheApiIsOpen_XActorIsRecorded_AndNoUsersTablesAreMade()
    {
        using var opened = await Client.PostAsync("/api/accounts", new { accountId = "OFF-1", holderId = "h", currency = "EUR", initialDeposit = 1 }, ("X-Actor", "script-7"));
        await opened.OkJsonAsync(HttpStatusCode.Created);
        var events = await Client.GetJsonAsync("/api/accounts/OFF-1/events");
        Assert.Equal("script-7", events.GetProperty("items")[0].GetProperty("metadata").GetProperty("actor").GetString());

        await using var connection = Fixture.Factory.Database.OpenConnection();
        await using var command = connection.CreateCommand();
        const string names = "('AspNetUsers', 'api_tokens', 'data_protection_keys')";
        command.CommandText = Fixture.Factory.Database.Provider == "sqlite"
            ? $"SELECT count(*) FROM sqlite_master WHERE name IN {names}"
            : $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN {names}";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WithSignInOff_TheLoginPageSaysSo()
    {
        var page = await Client.GetStringAsync("/login");
        Assert.Contains("Sign-in is off", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("/accounts/A-1", "/accounts/A-1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/redirect?to=https://evil.example", "/")]
    public void AfterSignIn_ThePageGoesOnlyToAPathOfThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, LoginPage.LocalOnly(returnUrl));
}
