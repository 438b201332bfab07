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

    /// <summary>
    /// Runs <paramref name="round"/> until a whole round compiles next to nothing (at most
    /// <paramref name="maxRounds"/> rounds), and returns how many it ran. Tiered JIT keeps promoting methods
    /// (instrumented tier, then optimised with the profile it gathered) for seconds after a first round:
    /// in a profile of M2 after its old one-round warm-up, the JIT's background thread took a quarter of
    /// the two cores for the next 3 seconds, inside the timed reps, whose p99 pools every rep's latencies.
    /// </summary>
    public static async Task<int> UntilJitSettlesAsync(Func<Task> round, int maxRounds = 10)
    {
        const long settled = 10;
        for (var rounds = 1; ; rounds++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round();
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before < settled || rounds >= maxRounds)
            {
                return rounds;
            }
        }
    }
}
