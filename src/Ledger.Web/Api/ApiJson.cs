using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;

namespace Ledger.Web.Api;

/// <summary>
/// JSON in and out of the API. Bodies are read here rather than by model binding, so that every way a
/// body can be wrong (not JSON, wrong type, unknown or repeated field, too big) becomes a 400 that names
/// the field, from inside the endpoint where <see cref="ApiErrorFilter"/> answers it.
/// </summary>
public static class ApiJson
{
    /// <summary>No command body comes near this; anything larger is refused before it is parsed.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// camelCase, enums as names, numbers only as JSON numbers, no repeated fields (request types refuse
    /// unknown ones too), and apostrophes left readable in messages: API JSON is never inlined into HTML.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }

        return options;
    }

    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw DomainException.Invalid("body", "Send the body as JSON, with the header Content-Type: application/json.");
        }

        RequireUtf8(request);

        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        var bytes = await ReadBoundedAsync(request, cancellationToken);
        using var document = Parse(bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw DomainException.Invalid("body", "The body must be a JSON object.");
        }

        CheckFields(document.RootElement);
        try
        {
            return document.RootElement.Deserialize<T>(Options)
                ?? throw DomainException.Invalid("body", "The body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw Describe<T>(exception);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kestrel stops the upload at the limit; counting here as well covers servers without that feature.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }

        return buffer.ToArray();
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        // RFC 8259 lets a parser ignore a UTF-8 byte order mark, and Windows tools write one.
        var json = bytes.AsSpan().StartsWith(Utf8ByteOrderMark) ? bytes.AsMemory(Utf8ByteOrderMark.Length) : bytes.AsMemory();
        if (json.IsEmpty)
        {
            throw DomainException.Invalid("body", "The body is empty; send a JSON object.");
        }

        if (!Utf8.IsValid(json.Span))
        {
            throw DomainException.Invalid("body", "The body is not valid UTF-8 text.");
        }

        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            throw DomainException.Invalid("body",
                $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
        }
    }

    /// <summary>
    /// The body is read as UTF-8, the only encoding JSON between systems may use (RFC 8259); a body declared as
    /// another charset would be read as something it is not, so it is refused rather than misread. Like a
    /// missing Content-Type this is a 400 naming the body (not a bare 415): the fix is in the request, and a 400
    /// is never recorded under an Idempotency-Key, so the corrected request can reuse it.
    /// </summary>
    private static void RequireUtf8(HttpRequest request)
    {
        var charset = request.GetTypedHeaders().ContentType?.Charset.Value?.Trim('"');
        if (charset is not null
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Invalid("body",
                $"The body is declared as charset={charset}; send it as UTF-8, with Content-Type: application/json (or application/json; charset=utf-8).");
        }
    }

    /// <summary>
    /// Refuses a field given twice (which value would count?) and a number with more digits than a
    /// decimal holds, which the serializer would otherwise round without a word.
    /// </summary>
    private static void CheckFields(JsonElement body)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw DomainException.Invalid(property.Name, $"'{property.Name}' appears more than once.");
            }

            if (property.Value.ValueKind == JsonValueKind.Number
                && property.Value.TryGetDecimal(out var value)
                && !ExactNumber.Same(property.Value.GetRawText(), value))
            {
                throw DomainException.Invalid(property.Name,
                    $"'{property.Name}' has more digits than an exact amount can hold; amounts are never rounded.");
            }
        }
    }

    /// <summary>The JSON was well formed but did not fit the request: name the field and what it should be.</summary>
    private static DomainException Describe<T>(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        if (field is null)
        {
            return DomainException.Invalid("body", "The body does not match the fields of this request.");
        }

        // "\ud800" alone is valid JSON but no character: half of a UTF-16 surrogate pair, which no text can hold.
        if (exception.InnerException is InvalidOperationException { Message: var reason } && reason.Contains("surrogate", StringComparison.Ordinal))
        {
            return DomainException.Invalid(field, $"'{field}' contains half of a character: a \\u escape for one half of a UTF-16 surrogate pair without the other.");
        }

        var property = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(Options.PropertyNamingPolicy!.ConvertName(p.Name), field, StringComparison.OrdinalIgnoreCase));
        return property is null
            ? DomainException.Invalid(field, $"'{field}' is not a field of this request.")
            : DomainException.Invalid(field, $"'{field}' must be {Describe(property.PropertyType)}.");
    }

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(decimal) => "a JSON number (an exact amount within range, not a string)",
        var t when t == typeof(long) || t == typeof(int) => "a whole JSON number",
        var t when t == typeof(string) => "a JSON string",
        _ => "a value of the right JSON type",
    };

    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            var rest = path[2..];
            var end = rest.IndexOfAny(['.', '[']);
            return end < 0 ? rest : rest[..end];
        }

        if (path.StartsWith("$['", StringComparison.Ordinal))
        {
            var end = path.IndexOf("']", 3, StringComparison.Ordinal);
            return end < 0 ? null : path[3..end];
        }

        return null;
    }

    private static DomainException TooLarge() =>
        DomainException.Invalid("body", $"The body is larger than {MaxBodyBytes / 1024} KiB, the most any request here needs.");
}
