namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Sizes for the ways this suite runs: small enough for CI by default, the large sizes with
/// <c>LEDGER_SOAK=1</c>, and any single size set by hand with <c>LEDGER_SIZE_&lt;NAME&gt;</c>
/// (for example <c>LEDGER_SIZE_CRASH_KILLS=100</c>), which wins over both.
/// </summary>
public static class Soak
{
    public const string Variable = "LEDGER_SOAK";

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) is "1" or "true" or "TRUE" or "yes";

    public static int Size(string name, int ci, int soak)
    {
        var text = Environment.GetEnvironmentVariable("LEDGER_SIZE_" + name);
        return !string.IsNullOrWhiteSpace(text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : Enabled ? soak
            : ci;
    }
}
