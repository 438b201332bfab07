using System.Net.Http.Headers;
using Ledger.Reliability.Tests.Operations;
using Microsoft.Data.Sqlite;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 16 against real processes: a browser's sign-in survives a restart and is accepted by a second instance on
/// the same database (the data-protection keys are in the database, not in one machine's home folder), and what
/// the command line does to users and tokens counts in the running app at once.
/// </summary>
public sealed class SignInSessionTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase database = TestDatabase.NewSqlite("ledger-rel-signin");
    private readonly List<string> homes = [];

    [Fact]
    public async Task ASignIn_SurvivesARestart_AndWorksOnASecondInstance_ThatSharesOnlyTheDatabase()
    {
        await SignedInApp.AddUserAsync(database.Path, "ada", "admin");
        string cookie;
        await using (var first = await SignedInApp.StartAsync(database, Home()))
        {
            cookie = await SignedInApp.SignInAsync(first, "ada");
            Assert.Contains(">ada<", await SignedInApp.PageAsync(first, "/accounts", cookie) ?? "(sent to sign in)", StringComparison.Ordinal);

            // Another instance with its own home folder and content root, at the same time.
            await using var second = await SignedInApp.StartAsync(database, Home());
            Assert.Contains(">ada<", await SignedInApp.PageAsync(second, "/accounts", cookie) ?? "(sent to sign in)", StringComparison.Ordinal);
            await first.KillAsync();
        }

        await using var restarted = await SignedInApp.StartAsync(database, Home());
        Assert.Contains(">ada<", await SignedInApp.PageAsync(restarted, "/accounts", cookie) ?? "(sent to sign in)", StringComparison.Ordinal);

        // The controls: a forged cookie is sent to sign in, and the key ring is in the database.
        Assert.Null(await SignedInApp.PageAsync(restarted, "/accounts", cookie[..^4] + "AAAA"));
        Assert.True(await KeysInDatabaseAsync() >= 1);
    }

    [Fact]
    public async Task WhatTheCommandLineDoes_CountsInTheRunningAppAtOnce()
    {
        await SignedInApp.AddUserAsync(database.Path, "ada", "admin");
        await SignedInApp.AddUserAsync(database.Path, "carl", "clerk");
        await using var app = await SignedInApp.StartAsync(database);
        var (_, admin) = await SignedInApp.TokenAsync(database.Path, "ada");
        var (carlsId, carls) = await SignedInApp.TokenAsync(database.Path, "carl");
        using var http = new HttpClient { BaseAddress = app.BaseUrl };

        Assert.Equal(HttpStatusCode.Created, await SendAsync(http, admin, "/api/accounts", new { accountId = "CLI-1", holderId = "h", currency = "EUR", initialDeposit = 10 }));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(http, carls, "/api/accounts/CLI-1/deposits", new { amount = 1, transactionReference = "c1" }, ("X-Actor", "mallory")));
        Assert.Equal(["ada", "carl"], await ActorsAsync(http, admin, "CLI-1"));

        Assert.Equal(0, (await LedgerCli.RunAsync("users", "set-role", "carl", "viewer", "--db", database.Path)).ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(http, carls, "/api/accounts/CLI-1/deposits", new { amount = 1, transactionReference = "c2" }));

        Assert.Equal(0, (await LedgerCli.RunAsync("tokens", "revoke", carlsId, "--db", database.Path)).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(http, carls, "/api/accounts/CLI-1/deposits", new { amount = 1, transactionReference = "c3" }));
        Assert.Equal(["ada", "carl"], await ActorsAsync(http, admin, "CLI-1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        foreach (var home in homes)
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private string Home()
    {
        var home = Directory.CreateTempSubdirectory("ledger-rel-home-").FullName;
        homes.Add(home);
        return home;
    }

    private async Task<long> KeysInDatabaseAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={database.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM data_protection_keys";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string token, string path, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string[]> ActorsAsync(HttpClient http, string token, string accountId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{accountId}/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("actor").GetString() ?? "(none)").ToArray();
    }
}
