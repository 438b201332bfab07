using System.Collections.Frozen;

namespace Ledger.Infrastructure.Storage.Serialization;

/// <summary>
/// The stored name and current schema version of every event. Names are part of the file format and
/// never derived from CLR type names, so records can be renamed without breaking history.
/// </summary>
public static class EventTypeRegistry
{
    private static readonly EventType[] All =
    [
        new("AccountOpened", typeof(AccountOpened), 1),
        new("MoneyDeposited", typeof(MoneyDeposited), 2),
        new("MoneyWithdrawn", typeof(MoneyWithdrawn), 1),
        new("AccountClosed", typeof(AccountClosed), 1),
        new("TransferInitiated", typeof(TransferInitiated), 1),
        new("TransferReceived", typeof(TransferReceived), 1),
    ];

    private static readonly FrozenDictionary<string, EventType> ByName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, EventType> ByClrType = All.ToFrozenDictionary(t => t.ClrType);

    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();

    public static EventType For(IAccountEvent @event) =>
        ByClrType.TryGetValue(@event.GetType(), out var type)
            ? type
            : throw new InvalidOperationException($"{@event.GetType().Name} has no stored event name.");

    public static bool TryGet(string name, out EventType type) => ByName.TryGetValue(name, out type!);

    public static EventType For(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Unknown stored event type '{name}'.");

    public sealed record EventType(string Name, Type ClrType, int SchemaVersion);
}
