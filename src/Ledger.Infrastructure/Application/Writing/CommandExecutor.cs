using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Application.Notifications;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Infrastructure.Storage.Snapshots;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The one write path. Every command handler calls this with the accounts it touches and a pure
/// decision: load → decide → append with the loaded versions → snapshot → publish. A command id gets
/// one answer for good: its outcome, success or refusal, is stored under the id in the same transaction
/// as its events. There is no read ahead for a resent id: the <c>processed_commands</c> primary key
/// refuses a second append of the same id, and a resend is answered from the stored outcome when that
/// happens or when the decision refuses what the first send already did.
/// </summary>
public sealed class CommandExecutor(
    IEventStore store,
    AccountLoader loader,
    AccountStateCache cache,
    SnapshotStore snapshots,
    IDbContextFactory<LedgerDbContext> contexts,
    WriteGate gate,
    IPublisher publisher,
    TimeProvider time,
    LedgerMetrics metrics,
    ILogger<CommandExecutor> logger)
{
    public delegate IReadOnlyList<IAccountEvent> Decision(IReadOnlyList<Account?> states, DateTimeOffset now);

    public delegate TResult ResultBuilder<out TResult>(IReadOnlyList<Account> statesAfter, IReadOnlyList<NewEvent> events);

    public async ValueTask<TResult> ExecuteAsync<TResult>(
        LedgerCommand command,
        IReadOnlyList<string> accountIds,
        Decision decide,
        ResultBuilder<TResult> buildResult,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        var requestHash = RequestHash.Of(command);
        IReadOnlyList<StoredEvent> appended;
        IReadOnlyList<Account?> before;
        IReadOnlyList<Account> after;
        TResult result;
        using (await gate.EnterAsync(cancellationToken))
        {
            before = await LoadAllAsync(accountIds, cancellationToken);
            IReadOnlyList<IAccountEvent> decided;
            try
            {
                RequireExpectedVersion(command, accountIds[0], before[0]);
                decided = decide(before, time.GetUtcNow());
            }
            catch (DomainException refusal)
            {
                // A resend of a command that already succeeded is refused for its own effect (account
                // exists, money gone, version moved on): answer it with the first result instead.
                if (await FindReplayAsync<TResult>(command, requestHash, cancellationToken) is { } replay)
                {
                    return replay;
                }

                // Invalid input (some of it only detectable once the account's currency is known) is
                // never recorded, so the caller can correct the request and send it under the same id;
                // nor is a refusal under an id the caller never chose, since nobody can resend that.
                if (refusal.Code == ErrorCodes.ValidationFailed || !command.IdChosenByCaller)
                {
                    throw;
                }

                return await RecordRefusalAsync<TResult>(command, requestHash, refusal, cancellationToken);
            }

            var newEvents = decided.Select(NewEvent.From).ToArray();
            after = accountIds.Select((id, i) => Account.Fold(decided.Where(e => e.AccountId == id), before[i])
                ?? throw new InvalidOperationException($"Decision left account '{id}' without state.")).ToArray();
            result = buildResult(after, newEvents);

            var appends = accountIds
                .Select((id, i) => new StreamAppend(
                    Account.StreamId(id),
                    ExpectedVersion.Exactly(before[i]?.Version ?? 0),
                    newEvents.Where(e => e.Data.AccountId == id).ToArray()))
                .Where(a => a.Events.Count > 0)
                .ToArray();
            var record = StoredOutcome.Succeeded(command, requestHash, result);
            try
            {
                appended = await store.AppendAsync(appends, MetadataOf(command), record, cancellationToken);
            }
            catch (DuplicateCommandException)
            {
                // This command id was committed before (a resend, or a racing send from another process): answer with its result.
                return await FindReplayAsync<TResult>(command, requestHash, cancellationToken)
                    ?? throw new InvalidOperationException($"Command '{command.CommandId}' vanished after a duplicate was detected.");
            }

            // Still inside the gate, so the next command in this process finds its accounts cached.
            foreach (var state in after)
            {
                cache.Remember(state);
            }
        }

        metrics.EventsAppended(appended.Count);

        // Committed means acknowledged: from here on a cancelled caller must not turn success into an error.
        await AfterCommitAsync(before, after, appended);
        return result;
    }

    private async Task AfterCommitAsync(IReadOnlyList<Account?> before, IReadOnlyList<Account> after, IReadOnlyList<StoredEvent> appended)
    {
        for (var i = 0; i < after.Count; i++)
        {
            if (snapshots.IsDue(before[i]?.Version ?? 0, after[i].Version))
            {
                await snapshots.TrySaveAsync(after[i], CancellationToken.None);
            }
        }

        try
        {
            // The events are committed and the command is acknowledged whatever happens here: a
            // projection that fails now is brought up to date by the catch-up service.
            await publisher.Publish(new EventsAppended(appended), CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Projections did not apply positions {First}..{Last} now; catch-up will", appended[0].Position, appended[^1].Position);
        }
    }

    /// <summary>
    /// Stores the refusal under the command id, so a resend gets this same answer even after the state
    /// has changed (shared/API.md: the same key returns the first response). Writes no event.
    /// </summary>
    private async Task<TResult> RecordRefusalAsync<TResult>(LedgerCommand command, string requestHash, DomainException refusal, CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        try
        {
            await store.AppendAsync([], MetadataOf(command), StoredOutcome.Refused(command, requestHash, refusal), cancellationToken);
        }
        catch (DuplicateCommandException)
        {
            // A racing send of the same id from another process got its answer stored first: give that one.
            return await FindReplayAsync<TResult>(command, requestHash, cancellationToken)
                ?? throw new InvalidOperationException($"Command '{command.CommandId}' vanished after a duplicate was detected.");
        }

        throw refusal;
    }

    private static EventMetadata MetadataOf(LedgerCommand command) =>
        new(command.CorrelationId ?? command.CommandId, command.CommandId, command.Actor);

    private async Task<IReadOnlyList<Account?>> LoadAllAsync(IReadOnlyList<string> accountIds, CancellationToken cancellationToken)
    {
        var states = new Account?[accountIds.Count];
        for (var i = 0; i < accountIds.Count; i++)
        {
            states[i] = await loader.LoadAsync(accountIds[i], cancellationToken);
        }

        return states;
    }

    private static void RequireExpectedVersion(LedgerCommand command, string accountId, Account? state)
    {
        var actual = state?.Version ?? 0;
        if (command.ExpectedVersion is { } expected && expected != actual)
        {
            throw new CommandRefusedException(CommandErrorCodes.VersionMismatch,
                $"Account '{accountId}' is at version {actual}, not the version {expected} this change was made against. Reload and try again.");
        }
    }

    /// <summary>
    /// The stored answer to an earlier send of this command id, marked as a replay: its result, or its
    /// refusal thrown again. Null when the id is new.
    /// </summary>
    private async Task<TResult?> FindReplayAsync<TResult>(LedgerCommand command, string requestHash, CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prior = await db.ProcessedCommands.AsNoTracking().FirstOrDefaultAsync(c => c.CommandId == command.CommandId, cancellationToken);
        if (prior is null)
        {
            return null;
        }

        if (prior.RequestHash != requestHash || prior.CommandType != command.GetType().Name)
        {
            throw new CommandRefusedException(CommandErrorCodes.IdempotencyKeyReused,
                $"Command id '{command.CommandId}' was already used for a different request; use a new id for a new request.");
        }

        return StoredOutcome.Replay<TResult>(prior);
    }
}
