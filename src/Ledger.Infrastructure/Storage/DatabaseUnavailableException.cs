namespace Ledger.Infrastructure.Storage;

/// <summary>The database cannot be reached or refuses the connection; the message names it (never a password) and says why.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
