namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 16: the real process asked to listen where other machines reach it. Without sign-in it does not start; with
/// sign-in but plain http it does not either, unless told --allow-http. Either way it says which flags it needs and
/// leaves no trace: it stops before opening the database. (Starting with both, seen from outside: LoopbackTests.)
/// </summary>
public sealed class SignInStartTests
{
    [Fact]
    public async Task OnAllAddresses_WithoutSignIn_TheAppRefusesToStart_NamingBothFlags()
    {
        var (exit, output, createdDatabase) = await RunUntilExitAsync(["--urls", "http://0.0.0.0:5399"]);

        Assert.Equal(1, exit);
        Assert.Contains("reachable from other machines and sign-in is off", output, StringComparison.Ordinal);
        Assert.Contains("--auth on", output, StringComparison.Ordinal);
        Assert.Contains("--allow-http", output, StringComparison.Ordinal);
        Assert.False(createdDatabase, "the refused app created its database");
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5399", "--auth", "on")]
    [InlineData("--urls", "http://127.0.0.1:5398;http://[::]:5399", "--auth", "on")]
    public async Task OnAllAddresses_OverPlainHttp_SignInAloneIsNotEnough(params string[] args)
    {
        var (exit, output, createdDatabase) = await RunUntilExitAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains("plain http://", output, StringComparison.Ordinal);
        Assert.Contains("--allow-http", output, StringComparison.Ordinal);
        Assert.False(createdDatabase);
    }

    [Fact]
    public async Task ThroughTheEnvironment_TheSameRulesHold()
    {
        var (exit, output, _) = await RunUntilExitAsync([], ("ASPNETCORE_URLS", "http://0.0.0.0:5399"), ("Ledger__Auth", "off"));
        Assert.Equal(1, exit);
        Assert.Contains("--auth on", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, bool CreatedDatabase)> RunUntilExitAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var database = SqliteTestDatabase.NewPath("ledger-rel-refused");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(LedgerWebBuild.Dll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { LedgerWebBuild.Dll(), "--db", database }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var created = File.Exists(database);
        SqliteTestDatabase.Delete(database);
        return (process.ExitCode, await output + await error, created);
    }
}
