using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Web.Api;

/// <summary>The headers every command route reads, and how they become <see cref="LedgerCommand"/>'s own fields.</summary>
public sealed partial class CommandHeaders
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string IdempotencyReplayedHeader = "Idempotency-Replayed";
    public const string PositionHeader = Ledger.Infrastructure.Application.Pipeline.ReadAfter.Header;
    public const string ActorHeader = "X-Actor";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    public const string DefaultActor = "api";
    public const int MaxHeaderLength = 100;

    [FromHeader(Name = IdempotencyKeyHeader)]
    [Description("Up to 100 characters; becomes the command id. Sending the same key and body again returns the first response with Idempotency-Replayed: true and writes nothing.")]
    public string? IdempotencyKey { get; init; }

    [FromHeader(Name = "If-Match")]
    [Description("An ETag such as \"3\": apply the command only if the account is at exactly that version (412 version_mismatch otherwise).")]
    public string? IfMatch { get; init; }

    [FromHeader(Name = ActorHeader)]
    [Description("Who is acting, up to 100 characters; recorded in the events' metadata. Defaults to \"api\". Ignored with sign-in on: the actor is then the signed-in user.")]
    public string? Actor { get; init; }

    [FromHeader(Name = CorrelationIdHeader)]
    [Description("Up to 100 characters; recorded in the events' metadata to tie related commands together.")]
    public string? CorrelationId { get; init; }

    /// <summary>Checks the headers and copies them onto the command. Throws a validation failure naming the header.</summary>
    public TCommand Apply<TCommand>(TCommand command)
        where TCommand : LedgerCommand
    {
        ArgumentNullException.ThrowIfNull(command);
        LedgerCommand stamped = command;
        stamped = stamped with
        {
            Actor = Optional(Actor, ActorHeader) ?? DefaultActor,
            CorrelationId = Optional(CorrelationId, CorrelationIdHeader),
            ExpectedVersion = ParseIfMatch(IfMatch),
        };
        if (IdempotencyKey is not null)
        {
            stamped = stamped with { CommandId = Required(IdempotencyKey, IdempotencyKeyHeader) };
        }

        return (TCommand)stamped;
    }

    /// <summary>
    /// Sets ETag to the version the command left the account at and Ledger-Position to the position of its
    /// last event (reads on this instance already reflect it), and says whether this was a replay.
    /// </summary>
    public static void Describe(HttpResponse response, long version, CommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(outcome);
        response.Headers.ETag = ETag(version);
        if (outcome.Position > 0)
        {
            response.Headers[PositionHeader] = outcome.Position.ToString(CultureInfo.InvariantCulture);
        }

        if (outcome.Replayed)
        {
            response.Headers[IdempotencyReplayedHeader] = "true";
        }
    }

    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static long? ParseIfMatch(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var match = QuotedVersion().Match(value.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw DomainException.Invalid("If-Match",
                "If-Match must be one version in double quotes, as the ETag header gives it, such as \"3\".");
        }

        return version;
    }

    private static string? Optional(string? value, string header)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Input.Optional(value, header, MaxHeaderLength, header);
        return value;
    }

    private static string Required(string value, string header)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(header, $"{header} is empty; leave the header out or give 1 to {MaxHeaderLength} characters.");
        }

        Input.Optional(value, header, MaxHeaderLength, header);
        return value;
    }

    [GeneratedRegex("^\"([0-9]{1,18})\"$", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedVersion();
}
