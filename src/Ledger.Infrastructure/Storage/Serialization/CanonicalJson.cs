using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.Infrastructure.Storage.Serialization;

/// <summary>
/// One spelling of a JSON value: object properties in ordinal order, no white space, numbers as written,
/// strings escaped only where JSON requires it (quote, backslash, control characters). Two engines that
/// store the same JSON differently (SQLite keeps the text, PostgreSQL's jsonb reorders keys and adds
/// spaces) give the same canonical text.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            Write(writer, document.RootElement);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Strings re-escaped by the writer; numbers, true, false and null exactly as written.
                if (value.ValueKind == JsonValueKind.String)
                {
                    writer.WriteStringValue(value.GetString());
                }
                else
                {
                    writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                }

                break;
        }
    }
}
