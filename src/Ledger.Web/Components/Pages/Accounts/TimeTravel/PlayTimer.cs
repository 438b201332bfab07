namespace Ledger.Web.Components.Pages.Accounts.TimeTravel;

/// <summary>Runs a step at a steady pace until stopped; the step itself may stop it.</summary>
public sealed class PlayTimer(TimeSpan interval) : IDisposable
{
    private CancellationTokenSource? running;

    public void Start(Func<Task> step)
    {
        Stop();
        running = new CancellationTokenSource();
        _ = RunAsync(step, running.Token);
    }

    public void Stop()
    {
        running?.Cancel();
        running?.Dispose();
        running = null;
    }

    public void Dispose() => Stop();

    private async Task RunAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await step();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped, or the page went away.
        }
    }
}
