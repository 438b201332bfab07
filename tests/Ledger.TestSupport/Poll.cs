using System.Diagnostics;

namespace Ledger.TestSupport;

/// <summary>
/// Waits for something another thread or process makes true, checking every few milliseconds (never a
/// fixed sleep), and fails with what it waited for when that does not happen in time.
/// </summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:N0} s for {what}.");
            }

            await Task.Delay(5);
        }
    }
}
