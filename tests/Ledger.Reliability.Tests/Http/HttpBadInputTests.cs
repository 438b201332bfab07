using System.Text.Json.Nodes;

namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 7, item 7 (HTTP part), against the real app as a child process: malformed and wrongly typed
/// bodies are 400 validation_failed; generated invalid commands get their status and stable code;
/// nothing is written and the process stays up.
/// </summary>
public sealed class HttpBadInputTests(ITestOutputHelper output)
{
    private static readonly int Malformed = Soak.Size("HTTP_MALFORMED", ci: 1_000, soak: 50_000);
    private static readonly int Invalid = Soak.Size("HTTP_INVALID", ci: 1_500, soak: 100_000);

    private static readonly (string Path, JsonObject Body, string[] Required, string[] Strings, string[] Numbers)[] Routes =
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

    [Fact]
    public async Task MalformedAndWronglyTypedBodies_Are400ValidationFailed_AndWriteNothing()
    {
        var seed = Seeds.Resolve(20_260_812);
        await Seeds.RunAsync(seed, async () =>
        {
            await using var run = await StartWithFixtureAsync();
            var random = new Random(seed);

            // The unmutated bodies are fine, so each refusal below is down to its mutation.
            foreach (var (path, body, _, _, _) in Routes.Where(r => !r.Path.EndsWith("/close", StringComparison.Ordinal)))
            {
                using var valid = await run.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.True(valid.IsSuccessStatusCode, $"the valid body for {path} was refused: {await valid.Content.ReadAsStringAsync()}");
            }

            var eventsBefore = await EventCountAsync(run.Http);
            var kinds = new Dictionary<string, int>();
            var wrong = new List<string>();
            for (var i = 0; i < Malformed; i++)
            {
                var (path, kind, contentType, bytes) = MalformedRequest(random);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                using var response = await run.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || Code(text) != ErrorCodes.ValidationFailed
                    || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    if (wrong.Count < 10)
                    {
                        wrong.Add($"#{i} {kind} to {path}: {(int)response.StatusCode} {Shorten(text)} for body {Shorten(Encoding.UTF8.GetString(bytes))}");
                    }
                }
            }

            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
            Assert.Equal(eventsBefore, await EventCountAsync(run.Http));
            Assert.Equal(HttpStatusCode.OK, (await run.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            Assert.False(run.App.HasExited);
            Figures.Report(output, nameof(MalformedAndWronglyTypedBodies_Are400ValidationFailed_AndWriteNothing), new { seed, requests = Malformed, kinds });
        });
    }

    [Fact]
    public async Task GeneratedInvalidCommands_OverHttp_GetTheirStatusAndCode_AndWriteNothing()
    {
        var seed = Seeds.Resolve(20_260_813);
        await Seeds.RunAsync(seed, async () =>
        {
            await using var run = await StartWithFixtureAsync();
            var eventsBefore = await EventCountAsync(run.Http);
            var generator = new BadInputs(new Random(seed));
            var byStatus = new Dictionary<int, int>();
            var wrong = new List<string>();
            var sent = 0;
            while (sent < Invalid)
            {
                var bad = generator.Next();
                if (!FitsHttp(bad))
                {
                    continue;
                }

                sent++;
                using var request = ToRequest(bad.Command);
                using var response = await run.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                byStatus[(int)response.StatusCode] = byStatus.GetValueOrDefault((int)response.StatusCode) + 1;
                var status = bad.Code switch
                {
                    ErrorCodes.ValidationFailed => 400,
                    ErrorCodes.AccountNotFound => 404,
                    CommandErrorCodes.IdempotencyKeyReused or CommandErrorCodes.ConcurrencyConflict => 409,
                    CommandErrorCodes.VersionMismatch => 412,
                    _ => 422,
                };
                if ((int)response.StatusCode != status || Code(text) != bad.Code)
                {
                    if (wrong.Count < 10)
                    {
                        wrong.Add($"{bad}: got {(int)response.StatusCode} {Shorten(text)}; sent {request.RequestUri}");
                    }
                }
            }

            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
            Assert.Equal(eventsBefore, await EventCountAsync(run.Http));
            Assert.Equal(HttpStatusCode.OK, (await run.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            Figures.Report(output, nameof(GeneratedInvalidCommands_OverHttp_GetTheirStatusAndCode_AndWriteNothing), new { seed, requests = sent, byStatus });
        });
    }

    /// <summary>
    /// Header values cannot carry control characters or non-ASCII blanks, and a blank X-Actor means
    /// "the default actor" by design; a path segment of 64,000 characters is a URL-length question.
    /// Those faults are for the mediator test; everything else goes over the wire.
    /// </summary>
    private static bool FitsHttp(BadInput bad)
    {
        var envelope = bad.Fault.StartsWith("command id", StringComparison.Ordinal) || bad.Fault.StartsWith("actor", StringComparison.Ordinal) || bad.Fault.StartsWith("correlation", StringComparison.Ordinal);
        if (envelope)
        {
            return bad.Fault.EndsWith("too long", StringComparison.Ordinal) && bad.Command.CommandId.Length + bad.Command.Actor.Length + (bad.Command.CorrelationId?.Length ?? 0) < 4_000;
        }

        var pathId = bad.Command switch
        {
            DepositMoneyCommand d => d.AccountId,
            WithdrawMoneyCommand w => w.AccountId,
            CloseAccountCommand c => c.AccountId,
            _ => "",
        };
        return pathId.Length < 1_000 && !pathId.Any(char.IsControl);
    }

    private static HttpRequestMessage ToRequest(LedgerCommand command)
    {
        var (path, body) = command switch
        {
            OpenAccountCommand o => ("/api/accounts", (object)new { accountId = o.AccountId, holderId = o.HolderId, holderName = o.HolderName, currency = o.Currency, initialDeposit = o.InitialDeposit }),
            DepositMoneyCommand d => ($"/api/accounts/{Uri.EscapeDataString(d.AccountId)}/deposits", new { amount = d.Amount, transactionReference = d.TransactionReference, description = d.Description }),
            WithdrawMoneyCommand w => ($"/api/accounts/{Uri.EscapeDataString(w.AccountId)}/withdrawals", new { amount = w.Amount, transactionReference = w.TransactionReference, description = w.Description }),
            CloseAccountCommand c => ($"/api/accounts/{Uri.EscapeDataString(c.AccountId)}/close", new { reason = c.Reason, closedBy = c.ClosedBy }),
            TransferMoneyCommand t => ("/api/transfers", new { transferId = t.TransferId, fromAccountId = t.FromAccountId, toAccountId = t.ToAccountId, amount = t.Amount, description = t.Description }),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", command.CommandId);
        request.Headers.TryAddWithoutValidation("X-Actor", command.Actor);
        if (command.CorrelationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", command.CorrelationId);
        }

        if (command.ExpectedVersion is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"");
        }

        return request;
    }

    private static (string Path, string Kind, string ContentType, byte[] Bytes) MalformedRequest(Random random)
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

    private static string? Code(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static async Task<long> EventCountAsync(HttpClient http)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        return status.RootElement.GetProperty("eventCount").GetInt64();
    }

    private static async Task<Run> StartWithFixtureAsync()
    {
        var database = await TestDatabase.NewAsync("ledger-rel");
        var (app, _) = await AppProcess.StartAsync(database);
        var http = app.CreateClient();
        foreach (var command in BadInputs.Fixture)
        {
            using var request = ToRequest(command);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"fixture {command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return new Run(app, http, database);
    }

    private sealed record Run(LedgerWebProcess App, HttpClient Http, TestDatabase Database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
