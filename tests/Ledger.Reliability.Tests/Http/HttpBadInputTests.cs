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

    [Fact]
    public async Task MalformedAndWronglyTypedBodies_Are400ValidationFailed_AndWriteNothing()
    {
        await Seeds.WithSeedAsync(20_260_812, async seed =>
        {
            await using var run = await StartWithFixtureAsync();
            var random = new Random(seed);

            // The unmutated bodies are fine, so each refusal below is down to its mutation.
            foreach (var (path, body, _, _, _) in MalformedBodies.Routes.Where(r => !r.Path.EndsWith("/close", StringComparison.Ordinal)))
            {
                using var valid = await run.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.True(valid.IsSuccessStatusCode, $"the valid body for {path} was refused: {await valid.Content.ReadAsStringAsync()}");
            }

            var eventsBefore = await EventCountAsync(run.Http);
            var kinds = new Dictionary<string, int>();
            var wrong = new List<string>();
            for (var i = 0; i < Malformed; i++)
            {
                var (path, kind, contentType, bytes) = MalformedBodies.Next(random);
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
        await Seeds.WithSeedAsync(20_260_813, async seed =>
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
