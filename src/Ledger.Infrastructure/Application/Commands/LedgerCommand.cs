using System.Text.Json.Serialization;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>
/// What every state-changing command carries besides its own fields: an id that makes it idempotent,
/// who sent it, the conversation it belongs to, and optionally the version the sender saw.
/// </summary>
public abstract record LedgerCommand
{
    private readonly string commandId = Guid.CreateVersion7().ToString();

    /// <summary>Generated when the caller gives none; an Idempotency-Key header becomes this.</summary>
    [JsonIgnore]
    public string CommandId
    {
        get => commandId;
        init
        {
            commandId = value;
            IdChosenByCaller = true;
        }
    }

    /// <summary>
    /// True when the caller named this command (an Idempotency-Key), so it may send it again: only then
    /// is a refusal worth recording, because nobody can resend a command under an id it never saw.
    /// </summary>
    [JsonIgnore]
    public bool IdChosenByCaller { get; private init; }

    [JsonIgnore]
    public string Actor { get; init; } = "system";

    [JsonIgnore]
    public string? CorrelationId { get; init; }

    /// <summary>
    /// The version the sender saw (HTTP If-Match). When set, the command applies only at exactly that
    /// version and is never retried on a conflict; when null, conflicts are retried.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// An identity the command carries besides its id, chosen by the caller (a transfer id): a second
    /// command under it is a resend of the first, whatever its id. Null for most commands.
    /// </summary>
    [JsonIgnore]
    public virtual string? NaturalKey => null;

    /// <summary>The natural key in words, for a refusal: "Transfer id 'T-1'".</summary>
    [JsonIgnore]
    public virtual string NaturalKeyDescription => "Its natural key";

    /// <summary>
    /// Checks what every command carries besides its body. Each event records the command id and the
    /// actor, so they must be present, single-line and bounded like any other stored string.
    /// </summary>
    public void ValidateEnvelope()
    {
        Domain.Input.Required(CommandId, "commandId", EnvelopeMaxLength, "The command id");
        Domain.Input.Required(Actor, "actor", Domain.Input.ActorMaxLength, "The actor");
        Domain.Input.Optional(CorrelationId, "correlationId", EnvelopeMaxLength, "The correlation id");
    }

    /// <summary>The longest command id or correlation id (the HTTP API's header limit).</summary>
    public const int EnvelopeMaxLength = 100;
}

/// <summary>Base of every command result, so a replay can say it is one.</summary>
public abstract record CommandOutcome
{
    /// <summary>True when this is the stored result of an earlier send of the same command id.</summary>
    [JsonIgnore]
    public bool Replayed { get; set; }

    /// <summary>
    /// The position of the command's last event (the API's <c>Ledger-Position</c>). Not stored with the result: it
    /// is known only once the append has committed; a replay finds it again from <see cref="LeftAt"/>.
    /// </summary>
    [JsonIgnore]
    public long Position { get; set; }

    /// <summary>Each account the command wrote to and the version it left it at: where its events are. A method, so no serializer writes it.</summary>
    public abstract IReadOnlyList<(string AccountId, long Version)> LeftAt();
}
