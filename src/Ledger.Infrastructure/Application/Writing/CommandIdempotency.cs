using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// A command id gets one answer for good: its outcome, success or refusal, is stored under the id in
/// the same transaction as its events, and a resend is answered from it. There is no read ahead for a
/// resent id: the store refuses a second record under the same id (or natural key), and the stored
/// answer is looked up only then, or when the decision refuses what the first send already did.
/// </summary>
public sealed class CommandIdempotency(IEventStore store)
{
    /// <summary>The record a successful command leaves, written with its events.</summary>
    public IdempotencyRecord Succeeded<TResult>(LedgerCommand command, string requestHash, TResult result)
        where TResult : CommandOutcome => StoredOutcome.Succeeded(command, requestHash, result);

    /// <summary>
    /// Answers a refusal: with the first answer when this is a resend, else by recording the refusal
    /// under an id the caller chose (so a resend gets it too) and throwing it. Invalid input (some of it
    /// only detectable once the account's currency is known) and a version the caller pinned are never
    /// recorded: the caller corrects the request and sends it under the same id.
    /// </summary>
    public async Task<TResult> RefusedAsync<TResult>(
        IEventStoreSession session, LedgerCommand command, string requestHash, DomainException refusal, CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        // A resend of a command that already succeeded is refused for its own effect (account exists,
        // money gone, version moved on): answer it with the first result instead.
        if (await FindReplayAsync<TResult>(command, requestHash, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (!IsRecorded(command, refusal))
        {
            throw refusal;
        }

        try
        {
            await session.AppendAsync([], MetadataOf(command), StoredOutcome.Refused(command, requestHash, refusal), cancellationToken);
        }
        catch (DuplicateCommandException)
        {
            // A racing send of the same id from another process got its answer stored first: give that one.
            return await ReplayAsync<TResult>(command, requestHash, cancellationToken);
        }

        throw refusal;
    }

    /// <summary>The stored answer of a command whose record the store just refused as a duplicate.</summary>
    public async Task<TResult> ReplayAsync<TResult>(LedgerCommand command, string requestHash, CancellationToken cancellationToken)
        where TResult : CommandOutcome =>
        await FindReplayAsync<TResult>(command, requestHash, cancellationToken)
            ?? throw new InvalidOperationException($"Command '{command.CommandId}' vanished after a duplicate was detected.");

    public static EventMetadata MetadataOf(LedgerCommand command) =>
        new(command.CorrelationId ?? command.CommandId, command.CommandId, command.Actor);

    /// <summary>
    /// Only a rule's answer is final for an id: invalid input (400) and a pinned version that moved on
    /// (412) say "correct the request", and the corrected request may use the same id.
    /// </summary>
    private static bool IsRecorded(LedgerCommand command, DomainException refusal) =>
        command.IdChosenByCaller && refusal.Code is not (ErrorCodes.ValidationFailed or CommandErrorCodes.VersionMismatch or CommandErrorCodes.StreamUnreadable);

    /// <summary>
    /// The stored answer to an earlier send of this command id (or natural key), marked as a replay: its
    /// result, or its refusal thrown again. Null when neither was used.
    /// </summary>
    private async Task<TResult?> FindReplayAsync<TResult>(LedgerCommand command, string requestHash, CancellationToken cancellationToken)
        where TResult : CommandOutcome
    {
        var prior = await store.FindCommandAsync(command.CommandId, command.NaturalKey, cancellationToken);
        if (prior is null)
        {
            return null;
        }

        if (prior.CommandType != command.GetType().Name || !RequestHash.Matches(prior.RequestHash, command, requestHash))
        {
            throw new CommandRefusedException(CommandErrorCodes.IdempotencyKeyReused, prior.CommandId == command.CommandId
                ? $"Command id '{command.CommandId}' was already used for a different request; use a new id for a new request."
                : $"{command.NaturalKeyDescription} was already used for a different request; choose a new one for a new request.");
        }

        return StoredOutcome.Replay<TResult>(prior);
    }
}
