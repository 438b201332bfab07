namespace Ledger.Infrastructure.Tests.Writing;

/// <summary>
/// A ledger whose store is watched by a <see cref="BatchProbe"/>, with A and B holding 100 and Z (the
/// blocker's account) 0: its tests queue commands behind one held in its write turn, so that they are
/// written as one batch, and read each command's <see cref="Outcome"/>.
/// </summary>
public abstract class BatchTestBase : IAsyncLifetime
{
    protected TestLedger Ledger { get; private set; } = null!;

    protected BatchProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ledger = await TestLedger.StartAsync(Configure, services: ForwardingEventStore.Install<BatchProbe>);
        Probe = Ledger.Get<BatchProbe>();
        foreach (var id in new[] { "A", "B", "Z" })
        {
            await Ledger.Mediator.Send(new OpenAccountCommand(id, "h", null, "EUR", id == "Z" ? 0m : 100m));
        }
    }

    public async Task DisposeAsync() => await Ledger.DisposeAsync();

    /// <summary>The ledger's settings, where a test class needs its own.</summary>
    protected virtual void Configure(LedgerOptions options)
    {
    }

    /// <summary>Runs <paramref name="commands"/> queued behind a deposit to Z held in its write turn; their outcomes in order.</summary>
    protected Task<Outcome[]> QueueAsync(params Func<Task<Outcome>>[] commands) =>
        Probe.QueueBehindAsync(Ledger, Send(new DepositMoneyCommand("Z", 1m, "blocker")), commands).ContinueWith(t => t.Result[1..], TaskScheduler.Default);

    protected Func<Task<Outcome>> Send<T>(ICommand<T> command) => Send(Ledger, command);

    protected static Func<Task<Outcome>> Send<T>(TestLedger target, ICommand<T> command) => async () =>
    {
        try
        {
            return new Outcome(await target.Mediator.Send(command), null);
        }
        catch (Exception exception)
        {
            return new Outcome(null, exception);
        }
    };

    protected static decimal Balance(Outcome outcome) => Assert.IsType<CommandResult>(outcome.Result).Balance;

    protected static DomainException Refusal(Outcome outcome) => Assert.IsAssignableFrom<DomainException>(outcome.Error);

    /// <summary>What one command came to: its result, or the exception that refused it.</summary>
    public sealed record Outcome(object? Result, Exception? Error);
}
