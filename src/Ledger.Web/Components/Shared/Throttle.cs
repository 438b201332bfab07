namespace Ledger.Web.Components.Shared;

/// <summary>
/// Coalesces bursts of read-model notifications (a rebuild or the sample ledger sends thousands) into
/// at most one refresh per interval, so a screen stays responsive while the ledger is busy.
/// </summary>
public sealed class Throttle(TimeSpan interval, Func<Task> refresh) : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private int pending;

    public void Request()
    {
        if (Interlocked.Exchange(ref pending, 1) == 1)
        {
            return;
        }

        _ = RunAsync();
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
