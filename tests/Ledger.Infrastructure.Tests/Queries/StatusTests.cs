namespace Ledger.Infrastructure.Tests.Queries;

public sealed class StatusTests : LedgerTestBase
{
    [Fact]
    public async Task Status_NamesTheEngineAndItsDatabase_ButNeverAPassword()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 1m));

        var database = (await Ledger.Mediator.Send(new GetLedgerStatusQuery())).Database;

        Assert.Equal(Ledger.Database.Provider, database.Provider);
        Assert.True(database.SizeBytes > 0);
        switch (Ledger.Database)
        {
            case SqliteTestDatabase sqlite:
                Assert.Equal(sqlite.Path, database.Path);
                Assert.Null(database.Host);
                break;
            case PostgresTestDatabase postgres:
                // Exactly the server and the database: nothing else of the connection string, so no password.
                var settings = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString);
                Assert.Equal(settings.Host, database.Host);
                Assert.Equal(postgres.Name, database.Database);
                Assert.Equal($"{settings.Host}:{settings.Port}/{postgres.Name}", database.Path);
                break;
            default:
                Assert.Fail($"no expectation for {Ledger.Database.Provider}");
                break;
        }
    }
}
