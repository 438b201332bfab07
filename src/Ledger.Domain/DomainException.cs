namespace Ledger.Domain;

/// <summary>
/// A command was refused. <see cref="Code"/> is stable for programs; <see cref="Exception.Message"/>
/// is a sentence for people; <see cref="Field"/> names the offending input when there is one.
/// The domain throws it for its own rules (<see cref="ErrorCodes"/>); the application layer refines it
/// for refusals that are not business rules (concurrency, idempotency, storage).
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public string Code { get; }

    public string? Field { get; }

    public static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, field);
}
