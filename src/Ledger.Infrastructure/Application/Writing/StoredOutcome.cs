using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// What <c>processed_commands.result</c> holds for a command id: the JSON of its result when it
/// succeeded, or <c>{"refused": {code, message, field}}</c> when a rule refused it. Results never have
/// a <c>refused</c> property, so the two cannot be mistaken for each other.
/// </summary>
public static class StoredOutcome
{
    private const string RefusedProperty = "refused";

    public static IdempotencyRecord Succeeded<TResult>(LedgerCommand command, string requestHash, TResult result)
        where TResult : CommandOutcome =>
        new(command.CommandId, command.GetType().Name, requestHash, JsonSerializer.Serialize(result, EventSerializer.Options), command.NaturalKey);

    /// <summary>A refusal keeps only the command id: a natural key belongs to the command that acted under it.</summary>
    public static IdempotencyRecord Refused(LedgerCommand command, string requestHash, DomainException refusal) =>
        new(command.CommandId, command.GetType().Name, requestHash,
            JsonSerializer.Serialize(new Envelope(new Refusal(refusal.Code, refusal.Message, refusal.Field)), EventSerializer.Options));

    /// <summary>The stored result marked as a replay, or the stored refusal thrown again (marked likewise).</summary>
    public static TResult Replay<TResult>(IdempotencyRecord stored)
        where TResult : CommandOutcome
    {
        using var document = JsonDocument.Parse(stored.Result);
        if (document.RootElement.TryGetProperty(RefusedProperty, out var refused))
        {
            var refusal = refused.Deserialize<Refusal>(EventSerializer.Options)!;
            throw new CommandRefusedException(refusal.Code, refusal.Message, refusal.Field) { Replayed = true };
        }

        var result = document.RootElement.Deserialize<TResult>(EventSerializer.Options)
            ?? throw new InvalidOperationException($"Stored result of command '{stored.CommandId}' is empty.");
        result.Replayed = true;
        return result;
    }

    private sealed record Envelope([property: JsonPropertyName(RefusedProperty)] Refusal Refused);

    private sealed record Refusal(string Code, string Message, string? Field);
}
