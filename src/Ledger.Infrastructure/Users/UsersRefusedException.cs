namespace Ledger.Infrastructure.Users;

/// <summary>A user or token operation was refused; the message says why, for the operator.</summary>
public sealed class UsersRefusedException(string message) : Exception(message);
