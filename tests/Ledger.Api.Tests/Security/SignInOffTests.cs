using System.Net;
using Ledger.Web.Components.Pages.Login;
using Microsoft.Data.Sqlite;

namespace Ledger.Api.Tests.Security;

/// <summary>Sign-in off (the default on loopback) is the single-user app it always was: no users' tables, no sign-in, X-Actor as sent.</summary>
public sealed class SignInOffTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task WithSignInOff_TheApiIsOpen_XActorIsRecorded_AndNoUsersTablesAreMade()
    {
        var client = fixture.Client;
        using var opened = await client.PostAsync("/api/accounts", new { accountId = "OFF-1", holderId = "h", currency = "EUR", initialDeposit = 1 }, ("X-Actor", "script-7"));
        await opened.OkJsonAsync(HttpStatusCode.Created);
        var events = await client.GetJsonAsync("/api/accounts/OFF-1/events");
        Assert.Equal("script-7", events.GetProperty("items")[0].GetProperty("metadata").GetProperty("actor").GetString());

        await using var connection = new SqliteConnection($"Data Source={(fixture.Factory.Database as SqliteTestDatabase)!.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('AspNetUsers', 'api_tokens', 'data_protection_keys')";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task WithSignInOff_TheLoginPageSaysSo()
    {
        var page = await fixture.Client.GetStringAsync("/login");
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
