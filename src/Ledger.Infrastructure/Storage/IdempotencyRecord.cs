namespace Ledger.Infrastructure.Storage;

/// <summary>
/// The answer a command id got, kept in the same transaction as the command's events so that a resend
/// is answered with it instead of acting twice. <see cref="Result"/> is opaque to the store.
/// </summary>
/// <param name="NaturalKey">
/// An identity the command carries besides its id (a caller-chosen transfer id): at most one command
/// that acted may hold it, whatever id it was sent under.
/// </param>
public sealed record IdempotencyRecord(string CommandId, string CommandType, string RequestHash, string Result, string? NaturalKey = null);
