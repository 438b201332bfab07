using Ledger.Web.Operations;

namespace Ledger.Web.Tests.Operations;

/// <summary><c>hash</c> prints the figures the ledger's own fingerprint query gives, on either engine, and refuses a missing file.</summary>
public sealed class HashCommandTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Hash_PrintsTheLedgersEventCountHeadAndContentHash(string engine)
    {
        await using TestDatabase database = engine == "sqlite" ? TestDatabase.NewSqlite("ledger-hash") : await PostgresTestDatabase.CreateAsync("ledger-hash");
        EventsFingerprint expected;
        await using (var ledger = await TestLedger.StartAsync(database: database.Borrow()))
        {
            await ledger.Mediator.Send(new OpenAccountCommand("H-1", "h", null, "EUR", 10m));
            await ledger.Mediator.Send(new DepositMoneyCommand("H-1", 2.5m, "r"));
            expected = await ledger.Mediator.Send(new GetEventsFingerprintQuery());
        }

        var (code, output, error) = await HashAsync(["hash", .. database.CommandLine]);

        Assert.True(code == 0, error);
        Assert.Equal(expected.EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Fact(output, "events"));
        Assert.Equal(expected.HeadPosition.ToString(System.Globalization.CultureInfo.InvariantCulture), Fact(output, "head"));
        Assert.Equal(expected.ContentHash, Fact(output, "hash"));
        Assert.NotEqual(EventsFingerprint.EmptyHash, expected.ContentHash);

        // Which ledger the figures are of: a file's path, or a server's database by name (a ledger and its restored copy differ only there).
        Assert.Contains(database is PostgresTestDatabase postgres ? $"/{postgres.Name} (postgres)" : ((SqliteTestDatabase)database).Path, Fact(output, "database"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_OfAFileThatIsNotThere_FailsWithTheReason_AndCreatesNothing()
    {
        var path = SqliteTestDatabase.NewPath("ledger-hash-missing");

        var (code, _, error) = await HashAsync(["hash", "--db", path]);

        Assert.Equal(OperationsCli.Failed, code);
        Assert.Contains("There is no SQLite ledger", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>The value of a <c>name: value</c> line the command printed.</summary>
    private static string Fact(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static async Task<(int? Code, string Output, string Error)> HashAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperationsCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
