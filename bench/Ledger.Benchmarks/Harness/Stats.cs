namespace Ledger.Benchmarks.Harness;

/// <summary>Order statistics over samples; the machine is shared and noisy, so medians, not means.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        // Nearest-rank: the smallest sample with at least p% of samples at or below it.
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);
}

/// <summary>Latencies of single operations, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> samples = [];

    public int Count => samples.Count;

    public IReadOnlyList<double> Samples => samples;

    public double P50 => Stats.Percentile(samples, 50);

    public double P95 => Stats.Percentile(samples, 95);

    public double P99 => Stats.Percentile(samples, 99);

    public void Add(TimeSpan elapsed) => samples.Add(elapsed.TotalMilliseconds);

    public void AddRange(Latencies other) => samples.AddRange(other.samples);

    /// <summary>Times <paramref name="operation"/> once per call; the caller decides what one operation is.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await operation();
        Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    public async Task TimeAsync(Func<Task> operation)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await operation();
        Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}

public static class WarmUp
{
    /// <summary>
    /// Runs <paramref name="operation"/> at least <paramref name="minimum"/> times and for at least
    /// <paramref name="duration"/>, so tiered JIT has promoted the hot paths before anything is timed.
    /// </summary>
    public static async Task RunAsync(Func<Task> operation, int minimum, TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < minimum || clock.Elapsed < duration; i++)
        {
            await operation();
        }
    }
}
