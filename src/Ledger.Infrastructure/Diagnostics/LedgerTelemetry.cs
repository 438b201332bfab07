using System.Diagnostics;

namespace Ledger.Infrastructure.Diagnostics;

/// <summary>
/// Ledger's spans on the <c>Ledger</c> <see cref="ActivitySource"/>: one <c>command {Type}</c> span per
/// command (the pipeline starts it), with <c>append</c> and <c>project</c> spans as its children. When
/// nobody listens (no OpenTelemetry, no dotnet-trace) <c>StartActivity</c> returns null and costs a check.
/// </summary>
public static class LedgerTelemetry
{
    public const string SourceName = "Ledger";

    public static readonly ActivitySource Source = new(SourceName, typeof(LedgerTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Span names below the command span; start them with <c>Source.StartActivity(AppendSpan)</c>.</summary>
    public const string AppendSpan = "append";

    public const string ProjectSpan = "project";

    /// <summary>The command's CLR type name, as the metrics' <c>type</c> tag has it.</summary>
    public const string CommandTypeTag = "ledger.command.type";

    public const string CommandIdTag = "ledger.command.id";

    /// <summary><c>handled</c>, <c>replayed</c> (an idempotent resend), <c>rejected</c> (a stable code) or <c>failed</c> (anything else).</summary>
    public const string OutcomeTag = "ledger.command.outcome";

    /// <summary>The stable error code of a refusal (as in the API's problem details).</summary>
    public const string ErrorCodeTag = "ledger.error.code";

    /// <summary>For append spans: the streams and the number of events written.</summary>
    public const string StreamTag = "ledger.stream.id";

    public const string EventCountTag = "ledger.events.count";

    /// <summary>For project spans: the projection's name and the position it reached.</summary>
    public const string ProjectionTag = "ledger.projection";

    public const string PositionTag = "ledger.position";
}
