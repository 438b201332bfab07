using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ledger.Infrastructure.Storage.Serialization;

/// <summary>JSON for payloads and metadata, with upcasting of old schema versions on the way in.</summary>
public static class EventSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Serialize(IAccountEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), Options);

    public static string SerializeMetadata(EventMetadata metadata) => JsonSerializer.Serialize(metadata, Options);

    public static EventMetadata DeserializeMetadata(string json) =>
        JsonSerializer.Deserialize<EventMetadata>(json, Options) ?? throw new JsonException("Empty event metadata.");

    /// <summary>
    /// The event as today's record type, upcast from an older schema when needed. Throws
    /// <see cref="UnreadableEventException"/> when this build cannot read it.
    /// </summary>
    public static IAccountEvent Deserialize(string eventType, int schemaVersion, string json)
    {
        if (!EventTypeRegistry.TryGet(eventType, out var type))
        {
            throw new UnreadableEventException(eventType, schemaVersion, "this build does not know the event type");
        }

        if (schemaVersion > type.SchemaVersion)
        {
            throw new UnreadableEventException(eventType, schemaVersion, $"it was written by a newer Ledger (this build reads up to v{type.SchemaVersion})");
        }

        try
        {
            return schemaVersion == type.SchemaVersion
                ? (IAccountEvent)(JsonSerializer.Deserialize(json, type.ClrType, Options) ?? throw new JsonException("empty payload"))
                : Upcast(type, schemaVersion, json);
        }
        catch (JsonException exception)
        {
            throw new UnreadableEventException(eventType, schemaVersion, "its payload does not parse: " + exception.Message, exception);
        }
    }

    /// <summary>
    /// The event, or an <see cref="UnreadableEvent"/> standing in for it: for readers that must go on past
    /// an event they cannot read (projections, the feed) rather than stop.
    /// </summary>
    public static IAccountEvent DeserializeOrPlaceholder(string streamId, string eventType, int schemaVersion, string json, DateTimeOffset occurredAt)
    {
        try
        {
            return Deserialize(eventType, schemaVersion, json);
        }
        catch (UnreadableEventException unreadable)
        {
            return new UnreadableEvent(UnreadableEvent.AccountOf(streamId), eventType, schemaVersion, unreadable.Reason, occurredAt);
        }
    }

    /// <summary>The shape of the event as this build folds it: upcast JSON, or null when it is already current.</summary>
    public static string? UpcastJson(string eventType, int schemaVersion, string json) =>
        EventTypeRegistry.TryGet(eventType, out var type) && schemaVersion < type.SchemaVersion
            ? UpcastNode(type, schemaVersion, json).ToJsonString(Options)
            : null;

    private static IAccountEvent Upcast(EventTypeRegistry.EventType type, int schemaVersion, string json) =>
        (IAccountEvent)(UpcastNode(type, schemaVersion, json).Deserialize(type.ClrType, Options) ?? throw new JsonException("empty payload"));

    private static JsonObject UpcastNode(EventTypeRegistry.EventType type, int schemaVersion, string json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("empty payload");
        for (var version = schemaVersion; version < type.SchemaVersion; version++)
        {
            var upcaster = Upcasters.All.SingleOrDefault(u => u.EventType == type.Name && u.FromVersion == version)
                ?? throw new UnreadableEventException(type.Name, schemaVersion, $"no upcaster takes it from v{version} to v{version + 1}");
            node = upcaster.Upcast(node);
        }

        return node;
    }
}
