namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Queues this process's writers in front of SQLite's single write lock. SQLite admits one writer at a
/// time anyway; queueing here avoids busy-wait polling and spares in-process commands from losing
/// optimistic races they would only retry. Correctness never depends on it: the unique
/// (stream_id, stream_version) constraint still decides every race, which matters across processes.
/// </summary>
public sealed class WriteGate : IDisposable
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
