using System.Text.Json.Serialization;

namespace Ledger.Web.Api;

/// <summary>
/// The body of every API error (RFC 9457 problem details): <see cref="Code"/> is the stable value
/// programs switch on; <see cref="Errors"/> names the offending fields of a validation failure.
/// </summary>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, string Code)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
