using System.Runtime.ExceptionServices;
using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// A command waiting in the write queue (<see cref="GroupCommit"/>) and, once its batch has committed,
/// its answer. The caller is answered only then, so nothing it hears can be undone by a failed commit.
/// </summary>
internal abstract class PendingWrite
{
    private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExceptionDispatchInfo? failure;

    /// <summary>Set on the caller's flow: the moment its commands happen at when it writes history (<see cref="LedgerClock.BackdateTo"/>).</summary>
    protected DateTimeOffset? BackdatedTo { get; } = LedgerClock.Backdating;

    public abstract LedgerCommand Command { get; }

    /// <summary>Completes once the command's batch has committed or failed.</summary>
    public Task Answered => answered.Task;

    /// <summary>
    /// Decides the command on the states the batch has left so far and appends its events (or records its
    /// refusal). A refusal, a replay or a lost race is this command's answer alone; anything it throws
    /// fails the whole batch.
    /// </summary>
    public abstract Task DecideAndAppendAsync(WriteBatch batch);

    /// <summary>Forgets the outcome decided so far: it rested on an append that never took effect, and the command is decided again.</summary>
    public virtual void Reset() => failure = null;

    /// <summary>The whole batch failed: the command's own outcome is void, and the caller hears this.</summary>
    public void Fail(Exception exception) => failure = ExceptionDispatchInfo.Capture(exception);

    /// <summary>Its answer is final (the batch committed, or failed): the caller may have it.</summary>
    public void Answer() => answered.TrySetResult();

    protected void Refuse(Exception exception) => failure = ExceptionDispatchInfo.Capture(exception);

    protected void ThrowIfFailed() => failure?.Throw();
}

/// <summary>
/// One command's load → decide → append, in the shape of Marten's FetchForWriting, run by the batch's
/// leader on the states the batch leaves (see <see cref="WriteBatch"/>).
/// </summary>
internal sealed class PendingWrite<TResult>(
    LedgerCommand command,
    string[] accountIds,
    Func<Account?[], DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
    Func<Account[], IReadOnlyList<NewEvent>, TResult> resultOf) : PendingWrite
    where TResult : CommandOutcome
{
    private TResult? result;

    /// <summary>Taken on the caller's flow, before the command queues: it depends on nothing the batch decides, and the write turn is the one thing every caller waits for.</summary>
    private readonly string requestHash = RequestHash.Of(command);

    public override LedgerCommand Command => command;

    /// <summary>The result, or the refusal (or failure) thrown; only after <see cref="PendingWrite.Answered"/>.</summary>
    public TResult Outcome
    {
        get
        {
            ThrowIfFailed();
            return result ?? throw new InvalidOperationException($"Command '{command.CommandId}' was not decided.");
        }
    }

    public override void Reset()
    {
        base.Reset();
        result = null;
    }

    public override async Task DecideAndAppendAsync(WriteBatch batch)
    {
        try
        {
            result = await DecideAsync(batch);
        }
        catch (Exception exception) when (exception is DomainException or ConcurrencyException)
        {
            // A refusal (stored or replayed) or a lost race: this command's answer; the batch goes on.
            Refuse(exception);
        }
    }

    private async Task<TResult> DecideAsync(WriteBatch batch)
    {
        var session = batch.Session;

        // First on the states this process last committed or read, without asking the database: the append
        // is refused if another process has moved a stream on since (a conflict, retried on versions read
        // afresh). What such a state could get wrong without an append to catch it (a refusal, an account
        // the decision leaves unchanged) is decided again at once on verified states.
        var loaded = await batch.LoadAsync(accountIds, verify: false);
        while (true)
        {
            var before = loaded.States;
            IReadOnlyList<IAccountEvent> decided;
            try
            {
                RequireExpectedVersion(accountIds[0], before[0]);
                // The caller's moment, not the leader's: a batch is led from whichever flow came first, or handed over.
                decided = decide(before, BackdatedTo ?? batch.Now());
                EventTimeGuard.RefuseFuture(decided, batch.Time);
            }
            catch (DomainException) when (!loaded.Verified)
            {
                loaded = await batch.LoadAsync(accountIds, verify: true);
                continue;
            }
            catch (DomainException refusal)
            {
                return await batch.Idempotency.RefusedAsync<TResult>(session, command, requestHash, refusal, CancellationToken.None);
            }

            var newEvents = decided.Select(NewEvent.From).ToArray();
            var appends = Appends(before, newEvents);
            if (!loaded.Verified && appends.Length < accountIds.Length)
            {
                loaded = await batch.LoadAsync(accountIds, verify: true);
                continue;
            }

            var after = Fold(before, decided);
            var decidedResult = resultOf(after, newEvents);
            IReadOnlyList<StoredEvent> appended;
            try
            {
                appended = await session.AppendAsync(appends, CommandIdempotency.MetadataOf(command), batch.Idempotency.Succeeded(command, requestHash, decidedResult), CancellationToken.None);
            }
            catch (DuplicateCommandException)
            {
                // This command id was committed before (a resend, or a racing send from another process): answer with its result.
                return await batch.Idempotency.ReplayAsync<TResult>(command, requestHash, CancellationToken.None);
            }
            catch (ConcurrencyException conflict)
            {
                // Another process got there first (since the load, or since the cached state): the retry
                // behaviour decides again after a pause, on versions read afresh, in a later batch.
                batch.Conflicted(accountIds, conflict);
                throw;
            }

            batch.Appended(after, appended);
            decidedResult.Position = appended[^1].Position;
            return decidedResult;
        }
    }

    private Account[] Fold(Account?[] before, IReadOnlyList<IAccountEvent> decided) =>
        accountIds.Select((id, i) => Account.Fold(decided.Where(e => e.AccountId == id), before[i])
            ?? throw new InvalidOperationException($"Decision left account '{id}' without state.")).ToArray();

    private StreamAppend[] Appends(Account?[] before, NewEvent[] newEvents) =>
        accountIds
            .Select((id, i) => new StreamAppend(
                Account.StreamId(id),
                ExpectedVersion.Exactly(before[i]?.Version ?? 0),
                newEvents.Where(e => e.Data.AccountId == id).ToArray()))
            .Where(a => a.Events.Count > 0)
            .ToArray();

    private void RequireExpectedVersion(string accountId, Account? state)
    {
        // Only opening an account may find none. For anything else a missing account is the answer whatever version
        // the caller expected: "reload and try again" would send them after a version of nothing (HTTP, too, asks a
        // precondition only of a request that would otherwise succeed: RFC 9110 §13.2.1).
        if (state is null && command is not OpenAccountCommand)
        {
            return;
        }

        var actual = state?.Version ?? 0;
        if (command.ExpectedVersion is { } expected && expected != actual)
        {
            throw new CommandRefusedException(CommandErrorCodes.VersionMismatch, state is null
                ? $"Account '{accountId}' does not exist yet, so it is not at the version {expected} this change was made against."
                : $"Account '{accountId}' is at version {actual}, not the version {expected} this change was made against. Reload and try again.");
        }
    }
}
