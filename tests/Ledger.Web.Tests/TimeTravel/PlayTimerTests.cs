using Ledger.Web.Components.Pages.Accounts.TimeTravel;

namespace Ledger.Web.Tests.TimeTravel;

/// <summary>Play's pace keeper: steps until stopped, and a step may stop it. "No more steps" is checked against a later timer on the same interval.</summary>
public sealed class PlayTimerTests
{
    /// <summary>Long enough that a busy machine cannot pause the test for a whole step between two Starts.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Steps_RunOneAfterAnother_UntilAStepStopsTheTimer()
    {
        var steps = 0;
        var stopped = new TaskCompletionSource();
        using var timer = new PlayTimer(Interval);

        timer.Start(() =>
        {
            if (++steps == 3)
            {
                timer.Stop();
                stopped.SetResult();
            }

            return Task.CompletedTask;
        });
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await TicksOfAnotherTimerAsync(3);

        Assert.Equal(3, steps);
    }

    [Fact]
    public async Task StartingAgain_ReplacesTheRunningPlay()
    {
        var first = 0;
        using var timer = new PlayTimer(Interval);
        timer.Start(() =>
        {
            Interlocked.Increment(ref first);
            return Task.CompletedTask;
        });

        var second = new TaskCompletionSource();
        timer.Start(() =>
        {
            second.TrySetResult();
            return Task.CompletedTask;
        });
        await second.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await TicksOfAnotherTimerAsync(3);

        Assert.Equal(0, Volatile.Read(ref first));
    }

    private static async Task TicksOfAnotherTimerAsync(int ticks)
    {
        var seen = 0;
        var done = new TaskCompletionSource();
        using var other = new PlayTimer(Interval);
        other.Start(() =>
        {
            if (++seen == ticks)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
