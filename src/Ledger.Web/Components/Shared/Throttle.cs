namespace Ledger.Web.Components.Shared;

/// <summary>
/// Coalesces bursts of read-model notifications (a rebuild or the sample ledger sends thousands) into
/// at most one refresh per interval, so a screen stays responsive while the ledger is busy.
/// The refresh runs on the flow the screen made this on (its circuit's: the browser's culture, the
/// signed-in caller), not on the flow that happened to move the read model: a projection delivery, another
/// user's command, a turn of the write path. A German screen refreshed after a delivery that ran on no
/// request's flow showed 1,234.56 instead of 1.234,56.
/// </summary>
public sealed class Throttle(TimeSpan interval, Func<Task> refresh) : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ExecutionContext? screen = ExecutionContext.Capture();
    private int pending;

    public void Request()
    {
        if (Interlocked.Exchange(ref pending, 1) == 1)
        {
            return;
        }

        if (screen is null)
        {
            _ = RunAsync();
            return;
        }

        ExecutionContext.Run(screen, static throttle => _ = ((Throttle)throttle!).RunAsync(), this);
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(interval, stopping.Token);
            Interlocked.Exchange(ref pending, 0);
            await refresh();
        }
        catch (OperationCanceledException)
        {
            // The screen went away.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the delay and the refresh.
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }
}
