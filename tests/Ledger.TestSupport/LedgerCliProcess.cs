using System.Diagnostics;

namespace Ledger.TestSupport;

/// <summary>What a verb of the real Ledger.Web printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The value of a <c>name: value</c> line of the output.</summary>
    public string Fact(string name) =>
        Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim()
        ?? throw new InvalidOperationException($"No '{name}:' line in:{Environment.NewLine}{Output}{Error}");

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Error}";
}

/// <summary>Runs a verb of the real Ledger.Web (<c>backup</c>, <c>users add</c>, ...) as an operator does: its own process, no web host.</summary>
public static class LedgerCliProcess
{
    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>The same with <paramref name="input"/> on standard input (a password for <c>users add</c>).</summary>
    public static async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LedgerWebBuild.Dll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A developer's own database must never be the one a test's verb changes.
        start.Environment.Remove("LEDGER_DB");
        start.Environment.Remove("LEDGER_POSTGRES");
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
