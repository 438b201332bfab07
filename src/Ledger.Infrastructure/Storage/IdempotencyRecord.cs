namespace Ledger.Infrastructure.Storage;

/// <summary>
/// The answer a command id got, kept in the same transaction as the command's events so that a resend
/// is answered with it instead of acting twice. <see cref="Result"/> is opaque to the store.
/// </summary>
/// <param name="CommandId">The id every send of the command carries (an Idempotency-Key, or one generated).</param>
/// <param name="CommandType">The command's type: the same id for another kind of command is another request.</param>
/// <param name="RequestHash">What the command asked for (see the write path's RequestHash), to tell a resend from a reuse.</param>
/// <param name="Result">The answer to give a resend.</param>
/// <param name="NaturalKey">
/// An identity the command carries besides its id (a caller-chosen transfer id): at most one command
/// that acted may hold it, whatever id it was sent under.
/// </param>
public sealed record IdempotencyRecord(string CommandId, string CommandType, string RequestHash, string Result, string? NaturalKey = null);
