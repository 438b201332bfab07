namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Measured figures: written to the test output (visible with <c>--logger "console;verbosity=detailed"</c>)
/// and, when <c>LEDGER_FIGURES</c> names a file, appended to it as one JSON line per test.
/// </summary>
public static class Figures
{
    public const string Variable = "LEDGER_FIGURES";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private static readonly Lock FileLock = new();

    public static void Report(ITestOutputHelper output, string test, object figures)
    {
        var line = JsonSerializer.Serialize(new { test, soak = Soak.Enabled, synchronous = TestLedger.Synchronous, at = DateTimeOffset.UtcNow, figures }, Json);
        output.WriteLine("FIGURES " + line);
        var path = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(path))
        {
            lock (FileLock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
