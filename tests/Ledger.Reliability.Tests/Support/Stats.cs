namespace Ledger.Reliability.Tests.Support;

public static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0..100) of a non-empty sample.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Percentile(IReadOnlyCollection<int> values, double p) => Percentile(values.Select(v => (double)v).ToArray(), p);
}
