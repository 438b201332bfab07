namespace Ledger.Benchmarks.Harness;

/// <summary>
/// What limits each figure, as found by measuring and profiling. Kept with the code that measures it
/// and written into docs/benchmarks.md by every full run; update it when the figures change.
/// </summary>
public static class Readings
{
    public static string M1(Latencies ledger, Latencies raw) => "TODO";

    public const string M2 = "TODO";

    public const string M3 = "TODO";

    public const string M4 = "TODO";

    public const string M5 = "TODO";

    public const string M6 = "TODO";

    public const string M7 = "TODO";

    public const string M8 = "TODO";

    public const string ProductChanges = "TODO";
}
