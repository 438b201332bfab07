namespace Ledger.Domain;

/// <summary>
/// A command was refused. <see cref="Code"/> is stable for programs; <see cref="Exception.Message"/>
/// is a sentence for people; <see cref="Field"/> names the offending input when there is one.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public string Code { get; }

    public string? Field { get; }

    /// <summary>
    /// True when this is the stored answer to an earlier send of the same command id, not a new decision:
    /// a command id keeps the answer it first got, refusal or success.
    /// </summary>
    public bool Replayed { get; init; }

    public static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, field);
}
