using System.Text.Json.Nodes;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Request bodies that no command route may accept, made from each route's valid body: truncated,
/// wrongly typed, missing or doubled fields, too large, invalid UTF-8, the wrong content type, nested too deep.
/// </summary>
internal static class MalformedBodies
{
    public static readonly (string Path, JsonObject Body, string[] Required, string[] Strings, string[] Numbers)[] Routes =
    [
        ("/api/accounts", new JsonObject { ["accountId"] = "NEW-1", ["holderId"] = "h", ["holderName"] = "H", ["currency"] = "EUR", ["initialDeposit"] = 10 },
            ["holderId", "currency", "initialDeposit"], ["accountId", "holderId", "holderName", "currency"], ["initialDeposit"]),
        ($"/api/accounts/{BadInputs.Eur}/deposits", new JsonObject { ["amount"] = 1.5m, ["transactionReference"] = "r", ["description"] = "d" },
            ["amount", "transactionReference"], ["transactionReference", "description"], ["amount"]),
        ($"/api/accounts/{BadInputs.Eur}/withdrawals", new JsonObject { ["amount"] = 1.5m, ["transactionReference"] = "r", ["description"] = "d" },
            ["amount", "transactionReference"], ["transactionReference", "description"], ["amount"]),
        ($"/api/accounts/{BadInputs.Closed}/close", new JsonObject { ["reason"] = "r", ["closedBy"] = "me" },
            ["reason"], ["reason", "closedBy"], []),
        ("/api/transfers", new JsonObject { ["transferId"] = "T-1", ["fromAccountId"] = BadInputs.Eur, ["toAccountId"] = BadInputs.Eur2, ["amount"] = 1, ["description"] = "d" },
            ["fromAccountId", "toAccountId", "amount"], ["transferId", "fromAccountId", "toAccountId", "description"], ["amount"]),
    ];

    private static readonly string[] WrongTypedValues =
        ["\"10\"", "true", "false", "{}", "[]", "[1]", "{\"value\":1}", "NaN", "Infinity", "-Infinity", "\"NaN\"", "1e400", "-1e400", "0x10", "1_000", "1,5", "'1'", "undefined", ".5", "+1", "01"];

    /// <summary>One malformed request to a random command route: the kind of fault it carries, for the report.</summary>
    public static (string Path, string Kind, string ContentType, byte[] Bytes) Next(Random random)
    {
        var (path, valid, required, strings, numbers) = Routes[random.Next(Routes.Length)];
        var json = valid.ToJsonString();
        const string Json = "application/json";
        switch (random.Next(14))
        {
            case 0:
                return (path, "truncated", Json, Encoding.UTF8.GetBytes(json[..random.Next(json.Length - 1)]));
            case 1:
                return (path, "trailing garbage", Json, Encoding.UTF8.GetBytes(json + random.Next(3) switch { 0 => "}", 1 => " x", _ => ",{}" }));
            case 2:
                return (path, "not an object", Json, Encoding.UTF8.GetBytes(random.Next(5) switch { 0 => "[]", 1 => "null", 2 => "42", 3 => "\"text\"", _ => "[" + json + "]" }));
            case 3:
                return (path, "empty or blank", Json, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "" : "  \n "));
            case 4:
                {
                    var body = Copy(valid);
                    body.Remove(required[random.Next(required.Length)]);
                    return (path, "missing required field", Json, Encoding.UTF8.GetBytes(body.ToJsonString()));
                }

            case 5:
                {
                    var field = required[random.Next(required.Length)];
                    return (path, "required field null", Json, Encoding.UTF8.GetBytes(Replace(json, valid, field, "null")));
                }

            case 6 when numbers.Length > 0:
                {
                    var field = numbers[random.Next(numbers.Length)];
                    return (path, "number of the wrong type", Json, Encoding.UTF8.GetBytes(Replace(json, valid, field, WrongTypedValues[random.Next(WrongTypedValues.Length)])));
                }

            case 7:
                {
                    var field = strings[random.Next(strings.Length)];
                    var value = random.Next(5) switch { 0 => "5", 1 => "true", 2 => "{}", 3 => "[\"a\"]", _ => "1.5" };
                    return (path, "string of the wrong type", Json, Encoding.UTF8.GetBytes(Replace(json, valid, field, value)));
                }

            case 8:
                {
                    var body = Copy(valid);
                    body[random.Next(2) == 0 ? "unexpected" : "Amount2"] = 1;
                    return (path, "unknown field", Json, Encoding.UTF8.GetBytes(body.ToJsonString()));
                }

            case 9:
                {
                    var field = required[random.Next(required.Length)];
                    var duplicate = json.TrimEnd('}') + ",\"" + field + "\":" + valid[field]!.ToJsonString() + "}";
                    return (path, "field given twice", Json, Encoding.UTF8.GetBytes(duplicate));
                }

            case 10:
                return (path, "too large", Json, Encoding.UTF8.GetBytes(json.TrimEnd('}') + ",\"padding\":\"" + new string('x', 70_000 + random.Next(1_000_000)) + "\"}"));
            case 11:
                {
                    var bytes = Encoding.UTF8.GetBytes(json).ToList();
                    bytes.Insert(random.Next(1, bytes.Count - 1), (byte)(0x80 + random.Next(0x40)));
                    return (path, "invalid UTF-8", Json, [.. bytes]);
                }

            case 12:
                return (path, "wrong content type", random.Next(3) switch { 0 => "text/plain", 1 => "application/x-www-form-urlencoded", _ => "application/xml" }, Encoding.UTF8.GetBytes(json));
            default:
                {
                    var depth = 17 + random.Next(200);
                    return (path, "nested too deep", Json, Encoding.UTF8.GetBytes(json.TrimEnd('}') + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}"));
                }
        }
    }

    private static JsonObject Copy(JsonObject body) => JsonNode.Parse(body.ToJsonString())!.AsObject();

    private static string Replace(string json, JsonObject valid, string field, string rawValue)
    {
        var current = "\"" + field + "\":" + valid[field]!.ToJsonString();
        Assert.Contains(current, json);
        return json.Replace(current, "\"" + field + "\":" + rawValue, StringComparison.Ordinal);
    }
}
