using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ledger.Domain.Accounts;

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

    public static IAccountEvent Deserialize(string eventType, int schemaVersion, string json)
    {
        var type = EventTypeRegistry.For(eventType);
        if (schemaVersion > type.SchemaVersion)
        {
            throw new InvalidOperationException(
                $"{eventType} v{schemaVersion} was written by a newer Ledger than this one (v{type.SchemaVersion}).");
        }

        if (schemaVersion == type.SchemaVersion)
        {
            return (IAccountEvent)(JsonSerializer.Deserialize(json, type.ClrType, Options)
                ?? throw new JsonException($"Empty payload for {eventType}."));
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Empty payload for {eventType}.");
        for (var version = schemaVersion; version < type.SchemaVersion; version++)
        {
            var upcaster = Upcasters.All.SingleOrDefault(u => u.EventType == eventType && u.FromVersion == version)
                ?? throw new InvalidOperationException($"No upcaster takes {eventType} from v{version} to v{version + 1}.");
            node = upcaster.Upcast(node);
        }

        return (IAccountEvent)(node.Deserialize(type.ClrType, Options) ?? throw new JsonException($"Empty payload for {eventType}."));
    }
}
