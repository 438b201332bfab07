namespace Ledger.Infrastructure.Storage;

/// <summary>One holder at a time, waited for asynchronously: guards a connection kept open for reuse.</summary>
public sealed class AsyncGate : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Releaser(semaphore);
    }

    public void Dispose() => semaphore.Dispose();

    public readonly struct Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
