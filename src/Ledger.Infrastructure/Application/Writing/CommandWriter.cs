using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Application.Notifications;
using Ledger.Infrastructure.Diagnostics;
using Ledger.Infrastructure.Storage;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// The one write path, in the shape of Marten's FetchForWriting: load the accounts a command touches
/// (by name, not by index) → decide, purely → append with the versions loaded → publish. All of it in
/// one turn of the store's write lock; idempotency is <see cref="CommandIdempotency"/>'s, snapshots and
/// projections are subscribers to <see cref="EventsAppended"/>.
/// </summary>
public sealed class CommandWriter(
    IEventStore store,
    AccountLoader loader,
    AccountStateCache cache,
    CommandIdempotency idempotency,
    IPublisher publisher,
    TimeProvider time,
    LedgerMetrics metrics,
    ILogger<CommandWriter> logger)
{
    /// <summary>A command on one account: <paramref name="decide"/> gets its state (null before it is opened).</summary>
    public ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string accountId,
        Func<Account?, DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account, IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome =>
        WriteAsync(command, [accountId], (states, now) => decide(states[0], now), (after, events) => resultOf(after[0], events), cancellationToken);

    /// <summary>
    /// A command on two accounts in one transaction (a transfer): <paramref name="decide"/> gets the
    /// source's and the destination's state. An expected version applies to the source.
    /// </summary>
    public ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string sourceAccountId,
        string destinationAccountId,
        Func<Account?, Account?, DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account, Account, IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome =>
        WriteAsync(
            command,
            [sourceAccountId, destinationAccountId],
            (states, now) => decide(states[0], states[1], now),
            (after, events) => resultOf(after[0], after[1], events),
            cancellationToken);

    private async ValueTask<TResult> WriteAsync<TResult>(
        LedgerCommand command,
        string[] accountIds,
        Func<Account?[], DateTimeOffset, IReadOnlyList<IAccountEvent>> decide,
        Func<Account[], IReadOnlyList<NewEvent>, TResult> resultOf,
        CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        var requestHash = RequestHash.Of(command);
        await using var session = await store.BeginWritingAsync(cancellationToken);

        // First on the states this process last committed or read, without asking the database: the append
        // is refused if another process has moved a stream on since (a conflict, retried on versions read
        // afresh). What such a state could get wrong without an append to catch it (a refusal, an account
        // the decision leaves unchanged) is decided again at once on verified states.
        var loaded = await loader.LoadForWritingAsync(accountIds, verify: false, cancellationToken);
        while (true)
        {
            var before = loaded.States;
            IReadOnlyList<IAccountEvent> decided;
            try
            {
                RequireExpectedVersion(command, accountIds[0], before[0]);
                decided = decide(before, time.GetUtcNow());
                EventTimeGuard.RefuseFuture(decided, time);
            }
            catch (DomainException) when (!loaded.Verified)
            {
                loaded = await loader.LoadForWritingAsync(accountIds, verify: true, cancellationToken);
                continue;
            }
            catch (DomainException refusal)
            {
                return await idempotency.RefusedAsync<TResult>(session, command, requestHash, refusal, cancellationToken);
            }

            var newEvents = decided.Select(NewEvent.From).ToArray();
            var appends = Appends(accountIds, before, newEvents);
            if (!loaded.Verified && appends.Length < accountIds.Length)
            {
                loaded = await loader.LoadForWritingAsync(accountIds, verify: true, cancellationToken);
                continue;
            }

            var after = Fold(accountIds, before, decided);
            var result = resultOf(after, newEvents);
            IReadOnlyList<StoredEvent> appended;
            try
            {
                appended = await session.AppendAsync(appends, CommandIdempotency.MetadataOf(command), idempotency.Succeeded(command, requestHash, result), cancellationToken);
            }
            catch (DuplicateCommandException)
            {
                // This command id was committed before (a resend, or a racing send from another process): answer with its result.
                return await idempotency.ReplayAsync<TResult>(command, requestHash, cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // Another process got there first (since the load, or since the cached state): the retry
                // behaviour decides again after a pause, on versions read afresh.
                foreach (var id in accountIds)
                {
                    cache.Distrust(id);
                }

                throw;
            }

            // Committed means acknowledged: from here on a cancelled caller must not turn success into an error.
            foreach (var state in after)
            {
                cache.Remember(state);
            }

            result.Position = appended[^1].Position;
            metrics.EventsAppended(appended.Count);
            await PublishAsync(new EventsAppended(appended, after));
            return result;
        }
    }

    /// <summary>Still inside the write turn, so projections and snapshots never contend with this process's next append.</summary>
    private async Task PublishAsync(EventsAppended committed)
    {
        try
        {
            await publisher.Publish(committed, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The events are committed and the command is acknowledged whatever happens here: a projection
            // that fails now is brought up to date by the catch-up service.
            logger.LogWarning(exception, "Subscribers did not take positions {First}..{Last} now; catch-up will", committed.Events[0].Position, committed.Events[^1].Position);
        }
    }

    private static Account[] Fold(string[] accountIds, Account?[] before, IReadOnlyList<IAccountEvent> decided) =>
        accountIds.Select((id, i) => Account.Fold(decided.Where(e => e.AccountId == id), before[i])
            ?? throw new InvalidOperationException($"Decision left account '{id}' without state.")).ToArray();

    private static StreamAppend[] Appends(string[] accountIds, Account?[] before, NewEvent[] newEvents) =>
        accountIds
            .Select((id, i) => new StreamAppend(
                Account.StreamId(id),
                ExpectedVersion.Exactly(before[i]?.Version ?? 0),
                newEvents.Where(e => e.Data.AccountId == id).ToArray()))
            .Where(a => a.Events.Count > 0)
            .ToArray();

    private static void RequireExpectedVersion(LedgerCommand command, string accountId, Account? state)
    {
        var actual = state?.Version ?? 0;
        if (command.ExpectedVersion is { } expected && expected != actual)
        {
            throw new CommandRefusedException(CommandErrorCodes.VersionMismatch,
                $"Account '{accountId}' is at version {actual}, not the version {expected} this change was made against. Reload and try again.");
        }
    }
}
