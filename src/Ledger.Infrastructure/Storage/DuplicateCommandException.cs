namespace Ledger.Infrastructure.Storage;

/// <summary>Another send of the same command id (or of a command with the same natural key) committed first.</summary>
public sealed class DuplicateCommandException(string commandId)
    : Exception($"Command '{commandId}' was already recorded.")
{
    public string CommandId { get; } = commandId;
}
