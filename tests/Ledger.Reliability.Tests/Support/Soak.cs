namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Sizes for the two ways this suite runs: small enough for CI by default, the large sizes
/// with <c>LEDGER_SOAK=1</c>.
/// </summary>
public static class Soak
{
    public const string Variable = "LEDGER_SOAK";

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) is "1" or "true" or "TRUE" or "yes";

    public static int Size(int ci, int soak) => Enabled ? soak : ci;
}
