namespace Ledger.Web.Components.Shared;

/// <summary>
/// The command id of one opened command dialog. Every attempt at the same request goes under it, so a
/// second click, a second Enter or a resend after no answer acts at most once: the write path answers a
/// repeat with its first answer. A refusal is final for its id (the write path records it, and the same
/// id with another body is refused as idempotency_key_reused), so the attempt after one, with corrected
/// input or against the version now seen, takes a new id. After an error that brought no answer (a
/// timeout, a busy database) the id is kept: the first attempt may have been applied.
/// </summary>
public sealed class DialogCommandId
{
    /// <summary>Who the UI's commands are recorded as, until Ledger knows its users.</summary>
    public const string Actor = "ui";

    public string Current { get; private set; } = New();

    /// <summary>The command as sent: under the current id, from the UI, and against <paramref name="expectedVersion"/> when given.</summary>
    public LedgerCommand Stamp(LedgerCommand command, long? expectedVersion = null) =>
        command with { CommandId = Current, Actor = Actor, ExpectedVersion = expectedVersion ?? command.ExpectedVersion };

    /// <summary>After an attempt failed: a refusal retires the id, anything else keeps it.</summary>
    public void Failed(Exception failure)
    {
        if (failure is DomainException)
        {
            Current = New();
        }
    }

    private static string New() => Guid.CreateVersion7().ToString();
}
