using Ledger.Infrastructure.Storage.Sql;

namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>A read model with no table of its own whose writer can be held shut: a delivery to it waits at the gate.</summary>
public sealed class HeldProjection : IProjection
{
    private volatile TaskCompletionSource gate = Opened();

    public string Name => "held_for_test";

    public IReadOnlyList<string> Tables => [];

    public void Close() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => gate.TrySetResult();

    /// <summary>Opens the gate when the test ends, passed or failed: a ledger cannot stop while a delivery waits at it.</summary>
    public IDisposable OpenAtTheEnd() => new Reopen(this);

    public IProjectionBatch Begin(SqlEngine engine, BatchedTransaction writes) => new Batch(this);

    /// <summary>
    /// A ledger with this projection beside the real ones, answering as the product does by default (once a
    /// command is durable, before the projections), which the test host turns off for suites that read tables with SQL.
    /// </summary>
    public Task<TestLedger> StartLedgerAsync(Action<LedgerOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        TestLedger.StartAsync(
            o =>
            {
                o.AnswerAfterProjections = false;
                configure?.Invoke(o);
            },
            services: s =>
            {
                s.AddSingleton<IProjection>(this);
                services?.Invoke(s);
            });

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }

    private sealed class Reopen(HeldProjection owner) : IDisposable
    {
        public void Dispose() => owner.Open();
    }

    private sealed class Batch(HeldProjection owner) : IProjectionBatch
    {
        public Task ApplyAsync(StoredEvent stored, CancellationToken cancellationToken) => owner.gate.Task.WaitAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
