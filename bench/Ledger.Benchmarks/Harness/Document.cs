using System.Text;

namespace Ledger.Benchmarks.Harness;

/// <summary>Console table and docs/benchmarks.md, from the same rows.</summary>
public static class Document
{
    public static string Table(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| # | figure | value | baseline (same run) | ratio | target | verdict | notes |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            sb.AppendLine($"| {r.Id} | {Cell(r.Figure)} | {Cell(r.Value)} | {Cell(r.Baseline)} | {Cell(r.Ratio)} | {Cell(r.Target)} | {r.VerdictText} | {Cell(r.Notes)} |");
        }

        return sb.ToString();
    }

    public static string Markdown(RunSummary run)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine($"Written by the last full run of `dotnet run -c Release --project bench/Ledger.Benchmarks` ({run.Started:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`, {run.Duration.TotalMinutes:N1} min). "
            + "Do not edit by hand: rerun it. `-- --quick` runs every scenario at a small size and prints the same table without writing this file (CI runs that). "
            + "Every figure's baseline was measured in the same run, alternating with it where possible, on a shared machine: read the ratios first.");
        sb.AppendLine();
        sb.AppendLine("## Machine");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| CPU | {run.Machine.Cpu}, {run.Machine.Cores} cores |");
        sb.AppendLine($"| memory | {run.Machine.Memory} |");
        sb.AppendLine($"| OS | {run.Machine.Os} |");
        sb.AppendLine($"| .NET | {run.Machine.Runtime} |");
        sb.AppendLine($"| SQLite | {run.Machine.SqliteVersion} |");
        sb.AppendLine($"| storage | {run.Machine.FileSystem} |");
        sb.AppendLine($"| load average (1/5/15 min) | at start {run.Machine.LoadAverage}; at end {run.LoadAtEnd}{run.LoadNote} |");
        sb.AppendLine();
        sb.AppendLine("## SQLite settings");
        sb.AppendLine();
        sb.AppendLine("Read back from a connection the product opened (`AddLedger` defaults: WAL, `synchronous=FULL`, busy timeout). "
            + "Projection transactions switch their own connection to `synchronous=NORMAL` (they are rebuilt from durable events after a crash); "
            + "short reads (a stream, a snapshot, the as-of queries) come from a read-only pool of their own that maps the file (the last row); "
            + "M4 runs both sides at `synchronous=OFF`.");
        sb.AppendLine();
        AppendSettings(sb, "pragma", run.Pragmas);

        sb.AppendLine();
        sb.AppendLine("## PostgreSQL settings");
        sb.AppendLine();
        if (run.PostgresSettings.Count == 0)
        {
            sb.AppendLine(run.PostgresNote);
        }
        else
        {
            sb.AppendLine("Read back from the server the PostgreSQL rows (`-pg`) ran on, ledger and raw baselines alike. " + run.PostgresNote + " "
                + "Ledger's append connections run with `synchronous_commit=on` (every acknowledged command is flushed), its read-model and snapshot "
                + "connections with `synchronous_commit=off` (they are rebuilt from durable events), both at READ COMMITTED; the raw baselines use the "
                + "same driver (Npgsql), auto-prepare and durability as the side they are compared with.");
            sb.AppendLine();
            AppendSettings(sb, "setting", run.PostgresSettings);
        }

        sb.AppendLine();
        sb.AppendLine("## Results");
        sb.AppendLine();
        sb.Append(Table(run.Scenarios.SelectMany(s => s.Rows)));
        sb.AppendLine();
        sb.AppendLine("## What each figure measures and what limits it");
        foreach (var scenario in run.Scenarios)
        {
            sb.AppendLine();
            sb.AppendLine($"### {scenario.Id} — {scenario.Title}");
            sb.AppendLine();
            sb.AppendLine($"*Setup:* {scenario.Setup} ({scenario.Duration.TotalSeconds:N0} s)");
            sb.AppendLine();
            sb.AppendLine(scenario.Reading);
        }

        sb.AppendLine();
        sb.AppendLine("## Product changes these measurements led to");
        sb.AppendLine();
        sb.AppendLine(Readings.ProductChanges);
        return sb.ToString();
    }

    /// <summary>A two-column table of an engine's settings as read back: name and value.</summary>
    private static void AppendSettings(StringBuilder sb, string kind, IReadOnlyList<(string Name, string Value)> settings)
    {
        sb.AppendLine($"| {kind} | value |");
        sb.AppendLine("|---|---|");
        foreach (var (name, value) in settings)
        {
            sb.AppendLine($"| {name} | {value} |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}

public sealed record RunSummary(
    DateTime Started,
    string Commit,
    TimeSpan Duration,
    Machine Machine,
    string LoadAtEnd,
    string LoadNote,
    IReadOnlyList<(string Name, string Value)> Pragmas,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<(string Name, string Value)> PostgresSettings,
    string PostgresNote);
