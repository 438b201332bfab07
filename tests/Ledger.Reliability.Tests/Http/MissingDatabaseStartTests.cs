using Ledger.Reliability.Tests.Operations;
using Npgsql;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// A PostgreSQL database that does not exist is a typo or a step not taken, never a reason to make one: a second instance
/// started with a mistyped name once created an empty ledger of its own and took deposits into it. The app and the verbs
/// say which database is missing and how to create it, in one line, exit 1, and the server is left without it.
/// </summary>
public sealed class MissingDatabaseStartTests
{
    [PostgresOnlyFact("needs a PostgreSQL server whose role may create databases")]
    public async Task AMissingDatabase_IsOneLineAndExitCode1_AndIsNotCreated()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ServerConnectionString());
        var missing = $"ledger_typo_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = missing }.ConnectionString;
        string[][] runs =
        [
            ["--postgres", connectionString, "--urls", $"http://127.0.0.1:{AppProcess.FreePort()}"],
            ["users", "list", "--postgres", connectionString],
        ];
        foreach (var args in runs)
        {
            var result = await LedgerCli.RunAsync(args);

            Assert.True(result.ExitCode == 1, $"{args[0]}: {result}");
            var why = Assert.Single(result.Error.Split('\n'), l => l.Contains("does not exist", StringComparison.Ordinal));
            Assert.Contains($"\"{missing}\"", why, StringComparison.Ordinal);
            Assert.Contains($"createdb {missing}", why, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        }

        Assert.False(await ExistsAsync(server.ConnectionString, missing), $"starting Ledger created the database {missing}");
    }

    private static async Task<bool> ExistsAsync(string server, string database)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
