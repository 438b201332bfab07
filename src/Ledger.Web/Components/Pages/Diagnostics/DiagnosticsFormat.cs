using Ledger.Infrastructure.Storage.Projections;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Components.Pages.Diagnostics;

/// <summary>Durations, sizes and outcomes as the Diagnostics panels write them.</summary>
public static class DiagnosticsFormat
{
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "not yet",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { } d => $"{d.TotalSeconds:0.00} s",
    };

    /// <summary>"1 event", "1,657 events".</summary>
    public static string Events(long count) => $"{Display.Count(count)} {(count == 1 ? "event" : "events")}";

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };

    /// <summary>
    /// What a finished rebuild found, in words: a read model that was right, one that had only not caught up
    /// yet (rows filled in, nothing was wrong), or one that had drifted from the events (rows replaced).
    /// </summary>
    public static string RebuildOutcome(RebuildResult result)
    {
        var summary = $"Rebuilt {Display.Count(result.Events, "event")} in {Duration(result.Duration)} ({Display.Count((long)result.EventsPerSecond)} events/s)";
        return result switch
        {
            { ReadModelWasRight: true } => $"{summary}. The read model was already exactly what the events say; nothing needed replacing.",
            { LiveWasBehindBy: > 0 } => $"{summary}. The read model had not applied the last {Display.Count(result.LiveWasBehindBy, "event")} yet; the {Display.Count(result.DifferentRows, "row")} {Display.Plural(result.LiveWasBehindBy, "it changes", "they change")} {Display.Plural(result.DifferentRows, "has", "have")} been filled in.",
            _ => $"{summary}. {Display.Count(result.DifferentRows, "read-model row")} differed from what the events say; {Display.Plural(result.DifferentRows, "it has", "they have")} been replaced.",
        };
    }
}
