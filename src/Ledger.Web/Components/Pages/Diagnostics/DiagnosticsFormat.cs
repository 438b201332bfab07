namespace Ledger.Web.Components.Pages.Diagnostics;

/// <summary>Durations and sizes as the Diagnostics panels write them.</summary>
public static class DiagnosticsFormat
{
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "not yet",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { } d => $"{d.TotalSeconds:0.00} s",
    };

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}
