namespace Ledger.Web.Operations;

/// <summary>An operation (backup, restore) refused or failed; the message says why, in words, for a person.</summary>
internal sealed class OperationFailedException(string message, Exception? inner = null) : Exception(message, inner);
