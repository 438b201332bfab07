using Ledger.Reliability.Tests.Operations;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// A PostgreSQL connection string that cannot be read (a mistyped keyword, or none at all) is an operator's typo: the app and
/// the verbs that take --postgres say so in one line and exit 1, as for a server that is down, never with a crash's stack trace
/// (and exit 134 with a core dump). No server is needed: the string is refused before any connection.
/// </summary>
public sealed class ConnectionStringStartTests
{
    [Theory]
    [InlineData("Hots=127.0.0.1;Database=ledger;Username=ledger;Password=secret-typo")]
    [InlineData("")]
    public async Task AnUnreadableConnectionString_IsOneLineAndExitCode1_ForTheAppAndTheVerbs(string connectionString)
    {
        string[][] runs =
        [
            ["--postgres", connectionString, "--urls", $"http://127.0.0.1:{AppProcess.FreePort()}"],
            ["hash", "--postgres", connectionString],
            ["users", "list", "--postgres", connectionString],
        ];
        foreach (var args in runs)
        {
            var result = await LedgerCli.RunAsync(args);

            Assert.True(result.ExitCode == 1, $"{args[0]}: {result}");
            Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-typo", result.Output + result.Error, StringComparison.Ordinal);
            Assert.Contains("connection string", result.Error, StringComparison.Ordinal);
        }
    }
}
