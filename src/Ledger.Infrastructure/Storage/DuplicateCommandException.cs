namespace Ledger.Infrastructure.Storage;

/// <summary>Another send of the same command id committed first (a racing retry).</summary>
public sealed class DuplicateCommandException(string commandId)
    : Exception($"Command '{commandId}' was already recorded.")
{
    public string CommandId { get; } = commandId;
}
