using System.Globalization;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Tests.Shared;

/// <summary>
/// A burst of notifications becomes one refresh, and the next burst another. "Did not refresh" is checked against a
/// later refresh on the same interval: timers started earlier fire first, so no test waits on a clock.
/// </summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task ABurst_RefreshesOnce_AndTheNextBurstOnceMore()
    {
        var refreshes = 0;
        var refreshed = new SemaphoreSlim(0);
        using var throttle = new Throttle(Interval, () =>
        {
            Interlocked.Increment(ref refreshes);
            refreshed.Release();
            return Task.CompletedTask;
        });

        for (var i = 0; i < 100; i++)
        {
            throttle.Request();
        }

        Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(15)));
        throttle.Request();
        Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(2, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task AfterTheScreenWentAway_APendingRefreshNeverRuns()
    {
        var goneRefreshed = false;
        var gone = new Throttle(Interval, () =>
        {
            goneRefreshed = true;
            return Task.CompletedTask;
        });
        gone.Request();
        gone.Dispose();

        var later = new TaskCompletionSource();
        using var still = new Throttle(Interval, () =>
        {
            later.TrySetResult();
            return Task.CompletedTask;
        });
        still.Request();
        await later.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.False(goneRefreshed);
    }

    [Fact]
    public async Task TheRefresh_RunsInTheScreensCulture_WhateverFlowAskedForIt()
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Throttle? throttle = null;
        // The screen is made on its circuit's flow, in the browser's culture...
        await RunInCultureAsync("de-DE", () => throttle = new Throttle(Interval, () =>
        {
            seen.TrySetResult(1234.56m.ToString("N2", CultureInfo.CurrentCulture));
            return Task.CompletedTask;
        }));
        using var screen = throttle!;

        // ...and asked to refresh by a projection delivery on a flow of its own, in another culture.
        await RunInCultureAsync("en-US", screen.Request);

        Assert.Equal("1.234,56", await seen.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    private static Task RunInCultureAsync(string culture, Action action)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() =>
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                action();
            });
        }
    }

    /// <summary>
    /// Long enough that a busy machine cannot pause the test between two of its statements for a whole interval
    /// (a burst split in two, or a refresh before the dispose right after it); the order of timers does the rest.
    /// </summary>
    private static TimeSpan Interval => TimeSpan.FromMilliseconds(500);
}
