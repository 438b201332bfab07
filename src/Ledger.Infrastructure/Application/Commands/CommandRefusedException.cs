using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>
/// A refusal the application layer decides rather than a business rule: a version the caller pinned
/// is gone, conflicts kept winning, an idempotency key was reused, an account's history cannot be
/// read, the database is busy. Also the stored answer to an earlier send of the same command id,
/// replayed (<see cref="Replayed"/>), whatever its code.
/// </summary>
public sealed class CommandRefusedException(string code, string message, string? field = null)
    : DomainException(code, message, field)
{
    /// <summary>
    /// True when this is the stored answer to an earlier send of the same command id, not a new decision:
    /// a command id keeps the answer it first got, refusal or success.
    /// </summary>
    public bool Replayed { get; init; }
}

/// <summary>Stable codes of the refusals the application layer decides (see shared/API.md).</summary>
public static class CommandErrorCodes
{
    public const string ConcurrencyConflict = "concurrency_conflict";
    public const string VersionMismatch = "version_mismatch";
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>The account's history holds an event this build cannot read: nothing may be decided on it.</summary>
    public const string StreamUnreadable = "stream_unreadable";

    /// <summary>Another process held the database's write lock past the busy timeout: nothing was written; try again.</summary>
    public const string DatabaseBusy = "database_busy";

    /// <summary>The database could not be reached (a PostgreSQL server down or restarting): try again once it is back.</summary>
    public const string DatabaseUnavailable = "database_unavailable";

    /// <summary>
    /// A read named a position (Ledger-Position) its instance's read model did not reach within the read-your-writes
    /// timeout: the projections are behind (a catch-up, a rebuild) or stuck; nothing stale was answered; try again.
    /// </summary>
    public const string ReadModelBehind = "read_model_behind";

    /// <summary>An event would occur more than a small clock skew after the moment it is recorded: a ledger records what has happened.</summary>
    public const string OccurredInFuture = "occurred_in_future";
}
