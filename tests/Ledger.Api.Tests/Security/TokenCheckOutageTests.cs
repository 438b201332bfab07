using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// With sign-in on, every API request first reads its token's row. When the database does not answer that read, the caller
/// is told so (503 database_unavailable with Retry-After), exactly as when the command itself could not reach it: never a
/// redirect to the sign-in page, which an HTTP client that follows redirects would read as a 200 for its deposit.
/// </summary>
public sealed class TokenCheckOutageTests
{
    private const string Why = "refuses every new connection to the app's database, as a server that went away does";

    [PostgresOnlyFact(Why)]
    public async Task TokenCheckWhileTheDatabaseRefusesConnections_Is503DatabaseUnavailable_AndWritesNothing()
    {
        var app = new SignInApp();
        await app.InitializeAsync();
        try
        {
            await RefusedWhileUnreachableAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task RefusedWhileUnreachableAsync(SignInApp app)
    {
        using (var opened = await app.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts", """{"accountId":"OUT-1","holderId":"h","currency":"EUR","initialDeposit":10}"""))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        var events = await app.EventCountAsync();
        var database = (PostgresTestDatabase)app.Factory.Database;
        await RefuseConnectionsAsync(database.Name, refuse: true);
        try
        {
            using var deposit = await app.SendAsync(SignInApp.Clerk, HttpMethod.Post, "/api/accounts/OUT-1/deposits", """{"amount":5,"transactionReference":"during-outage"}""");
            await deposit.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
            Assert.True(deposit.Headers.RetryAfter is not null, "a 503 says when to try again");

            using var read = await app.SendAsync(SignInApp.Viewer, HttpMethod.Get, "/api/accounts/OUT-1");
            await read.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        }
        finally
        {
            await RefuseConnectionsAsync(database.Name, refuse: false);
        }

        Assert.Equal(events, await app.EventCountAsync());
    }

    /// <summary>
    /// CONNECTION LIMIT 0 makes the server refuse every new connection to the database (53300, too many connections), and the
    /// connections the app's pools hold are ended: from then on the app cannot reach its database, while the server stays up.
    /// </summary>
    private static async Task RefuseConnectionsAsync(string database, bool refuse)
    {
        await using var server = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable));
        await server.OpenAsync();
        await using var limit = new NpgsqlCommand($"ALTER DATABASE \"{database}\" CONNECTION LIMIT {(refuse ? 0 : -1)}", server);
        await limit.ExecuteNonQueryAsync();
        if (refuse)
        {
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", server);
            end.Parameters.AddWithValue("database", database);
            await end.ExecuteNonQueryAsync();
        }
    }
}
