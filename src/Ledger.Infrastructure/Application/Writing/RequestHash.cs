using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Fingerprint of what a command asks for (its type and fields, not its id, sender or the version it
/// was pinned to), so a resend can be told apart from a different request that reuses the same id.
/// "The same request" means the same values: 10 and 10.00 are one amount, and property order never
/// mattered because the fingerprint is taken from the command, not the bytes that carried it.
/// </summary>
public static class RequestHash
{
    private static readonly JsonSerializerOptions Canonical = CreateCanonicalOptions();

    public static string Of(LedgerCommand command) => Hash(command, Canonical);

    /// <summary>
    /// True when <paramref name="stored"/> fingerprints the same request as <paramref name="command"/>,
    /// also for records written before the fingerprint became canonical (they hashed amounts as written
    /// and included the pinned version), so an upgrade never turns a resend into a reused key.
    /// </summary>
    public static bool Matches(string stored, LedgerCommand command, string hash) =>
        stored == hash || stored == Hash(command, EventSerializer.Options);

    private static string Hash(LedgerCommand command, JsonSerializerOptions options)
    {
        var json = JsonSerializer.Serialize(command, command.GetType(), options);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(command.GetType().Name + "\n" + json));
        return Convert.ToHexStringLower(bytes);
    }

    private static JsonSerializerOptions CreateCanonicalOptions()
    {
        var options = EventSerializer.CreateOptions();
        options.Converters.Add(new CanonicalDecimal());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                // If-Match is a condition on the request, not part of what it asks for.
                info =>
                {
                    if (typeof(LedgerCommand).IsAssignableFrom(info.Type))
                    {
                        var pinned = info.Properties.FirstOrDefault(p => p.Name == "expectedVersion");
                        if (pinned is not null)
                        {
                            info.Properties.Remove(pinned);
                        }
                    }
                },
            },
        };
        return options;
    }

    /// <summary>Writes an amount by value: without the trailing zeros that only say how it was typed.</summary>
    private sealed class CanonicalDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue((value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
    }
}
