namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Sends commands for <see cref="DuplicateCommandTests"/> and counts what happened to them, so the test can
/// report how many sends were replays, lost replies or refused other bodies.
/// </summary>
internal sealed class DuplicateSender
{
    public int Sends;
    public int Replayed;
    public int Lost;
    public int LostButCommitted;
    public int Reused;
    public int OtherBodyWon;

    public async Task<object> SendAsync(TestLedger process, LedgerCommand command, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Sends);
        return await process.Mediator.Send((object)command, cancellationToken)
            ?? throw new InvalidOperationException($"command {command.CommandId} answered null");
    }

    public async Task<(object? Result, string? Code)> TryAsync(TestLedger process, LedgerCommand command)
    {
        try
        {
            return (await SendAsync(process, command), null);
        }
        catch (DomainException e)
        {
            return (null, e.Code);
        }
    }

    public async Task<object[]> RaceAsync(IEnumerable<(TestLedger Process, LedgerCommand Command)> sends)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = sends.Select(s => Task.Run(async () =>
        {
            await go.Task;
            return await SendAsync(s.Process, s.Command);
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(tasks);
    }
}
