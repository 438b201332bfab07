namespace Ledger.Infrastructure.Diagnostics;

/// <summary>
/// How many things happened in the last <c>window</c> seconds, in one-second buckets: fixed memory,
/// no timers, exact to within the current second.
/// </summary>
public sealed class RecentCount
{
    private readonly TimeProvider time;
    private readonly long[] counts;
    private readonly long[] seconds;
    private readonly Lock gate = new();

    public RecentCount(TimeSpan window, TimeProvider time)
    {
        this.time = time;
        var size = Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
        counts = new long[size];
        seconds = new long[size];
        Array.Fill(seconds, long.MinValue);
    }

    public void Add(long count = 1)
    {
        var now = Second();
        var slot = (int)(now % counts.Length);
        lock (gate)
        {
            if (seconds[slot] != now)
            {
                seconds[slot] = now;
                counts[slot] = 0;
            }

            counts[slot] += count;
        }
    }

    public long Count()
    {
        var now = Second();
        long total = 0;
        lock (gate)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (seconds[i] != long.MinValue && now - seconds[i] < counts.Length)
                {
                    total += counts[i];
                }
            }
        }

        return total;
    }

    // The monotonic timestamp, not the wall clock: a clock change must not move events in or out of the window.
    private long Second() => time.GetTimestamp() / time.TimestampFrequency;
}
