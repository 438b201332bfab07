namespace Ledger.Benchmarks.Harness;

public enum Verdict
{
    /// <summary>No target: the figure is reported.</summary>
    Report,
    Met,
    Missed,
}

/// <summary>One line of the results table: a figure, its same-run baseline, their ratio and the target.</summary>
public sealed record Row(
    string Id,
    string Figure,
    string Value,
    string Baseline,
    string Ratio,
    string Target,
    Verdict Verdict,
    string Notes = "")
{
    public string VerdictText => Verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "MISSED",
        _ => "reported",
    };

    public static Verdict Check(bool met) => met ? Verdict.Met : Verdict.Missed;
}

/// <summary>What a scenario hands the harness: its rows, how it was set up, and what limits it.</summary>
public sealed record Measurement(IReadOnlyList<Row> Rows, string Setup, string Reading);

/// <summary>What one scenario measured, and what limits it.</summary>
public sealed record ScenarioResult(string Id, string Title, IReadOnlyList<Row> Rows, string Setup, string Reading, TimeSpan Duration);
