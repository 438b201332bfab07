using System.Globalization;

namespace Ledger.Benchmarks.Harness;

/// <summary>Numbers as people read them: thousands separated, a sensible number of digits.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Rate(double perSecond, string unit) => $"{Number(perSecond)} {unit}/s";

    public static string Number(double value) => value switch
    {
        double.NaN => "n/a",
        >= 100 => value.ToString("N0", Invariant),
        >= 10 => value.ToString("N1", Invariant),
        _ => value.ToString("0.###", Invariant),
    };

    public static string Ms(double milliseconds) => milliseconds switch
    {
        double.NaN => "n/a",
        >= 100 => milliseconds.ToString("N0", Invariant) + " ms",
        >= 1 => milliseconds.ToString("0.0#", Invariant) + " ms",
        _ => (milliseconds * 1000).ToString("0.#", Invariant) + " µs",
    };

    public static string Ns(double nanoseconds) => nanoseconds.ToString(nanoseconds >= 100 ? "N0" : "0.0#", Invariant) + " ns";

    public static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "n/a" : ratio.ToString(ratio >= 100 ? "N0" : "0.00", Invariant) + "×";

    public static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("N1", Invariant) + " MB";

    public static string Count(long count) => count.ToString("N0", Invariant);
}
