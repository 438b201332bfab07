namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 8 (core part): every event says who caused it, when, and through which command; and
/// every string a command carries has a limit: at the limit it is stored intact, one over is refused.
/// </summary>
public sealed class EventMetadataTests
{
    [Fact]
    public async Task EveryEvent_CarriesItsActor_Time_AndCommandId()
    {
        await Seeds.WithSeedAsync(20_260_810, async seed =>
        {
            await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
            var random = new Random(seed);
            var workload = new RandomWorkload(seed, accounts: 8);
            var sent = new Dictionary<string, (string Actor, string? Correlation, DateTimeOffset Before, DateTimeOffset After, bool Accepted)>(StringComparer.Ordinal);
            for (var i = 0; i < Soak.Size("METADATA_COMMANDS", ci: 600, soak: 10_000); i++)
            {
                var command = (i < 8 ? new OpenAccountCommand(workload.AccountId(i), "h", null, workload.Currency(i), 500m) : workload.Next()) with
                {
                    CommandId = $"meta-{i}",
                    Actor = $"actor-{random.Next(5)}",
                    CorrelationId = random.Next(3) == 0 ? null : $"corr-{random.Next(50)}",
                };
                var before = DateTimeOffset.UtcNow;
                var accepted = true;
                try
                {
                    await ledger.Mediator.Send((object)command);
                }
                catch (DomainException)
                {
                    accepted = false;
                }

                sent[command.CommandId] = (command.Actor, command.CorrelationId, before, DateTimeOffset.UtcNow, accepted);
            }

            var events = new List<EventView>();
            for (long after = 0; ;)
            {
                var page = await ledger.Mediator.Send(new GetEventFeedQuery(after, 500));
                if (page.Items.Count == 0)
                {
                    break;
                }

                events.AddRange(page.Items);
                after = page.LastPosition;
            }

            Assert.Equal(await ledger.EventCountAsync(), events.Count);
            Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
            foreach (var e in events)
            {
                Assert.True(sent.TryGetValue(e.Metadata.CausationId, out var command), $"event {e.Position} names command '{e.Metadata.CausationId}', which was never sent");
                Assert.True(command.Accepted, $"event {e.Position} comes from refused command {e.Metadata.CausationId}");
                Assert.Equal(command.Actor, e.Metadata.Actor);
                Assert.Equal(command.Correlation ?? e.Metadata.CausationId, e.Metadata.CorrelationId);
                Assert.True(e.OccurredAt >= command.Before && e.OccurredAt <= command.After,
                    $"event {e.Position} occurred at {e.OccurredAt:O}, outside its command's {command.Before:O}..{command.After:O}");
                Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
            }

            foreach (var stream in events.GroupBy(e => e.StreamId))
            {
                var times = stream.OrderBy(e => e.Version).Select(e => e.OccurredAt).ToArray();
                Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), $"{stream.Key}: event time goes backwards");
            }

            Assert.All(sent.Where(s => s.Value.Accepted), s => Assert.Contains(events, e => e.Metadata.CausationId == s.Key));
        });
    }

    public static TheoryData<string, int> Limits => new()
    {
        { "accountId", Input.IdMaxLength },
        { "holderId", Input.HolderIdMaxLength },
        { "holderName", Input.HolderNameMaxLength },
        { "transactionReference", Input.ReferenceMaxLength },
        { "description", Input.DescriptionMaxLength },
        { "transferId", Input.IdMaxLength },
        { "transferDescription", Input.DescriptionMaxLength },
        { "reason", Input.ReasonMaxLength },
        { "closedBy", Input.ActorMaxLength },
        { "commandId", LedgerCommand.EnvelopeMaxLength },
        { "actor", Input.ActorMaxLength },
        { "correlationId", LedgerCommand.EnvelopeMaxLength },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task EveryString_AtItsLimit_IsStoredIntact_AndOneOverIsRefused(string field, int limit)
    {
        await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
        await ledger.Mediator.Send(new OpenAccountCommand("FROM", "h", null, "EUR", 100m));
        await ledger.Mediator.Send(new OpenAccountCommand("TO", "h", null, "EUR", 0m));
        await ledger.Mediator.Send(new OpenAccountCommand("EMPTY", "h", null, "EUR", 0m));

        var over = Text(field, limit + 1);
        var eventsBefore = await ledger.EventCountAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await ledger.Mediator.Send((object)Command(field, over, "over")));
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Equal(field == "transferDescription" ? "description" : field, refused.Field);
        Assert.Equal(eventsBefore, await ledger.EventCountAsync());

        var atLimit = Text(field, limit);
        await ledger.Mediator.Send((object)Command(field, atLimit, "at"));
        var stored = LedgerChecks.Scalar(ledger.Database, "SELECT COUNT(*) FROM events") - eventsBefore;
        Assert.True(stored > 0);
        var last = LedgerChecks.Rows(ledger.Database, "SELECT data, metadata FROM events ORDER BY position DESC LIMIT 1").Single();
        var values = JsonDocument.Parse((string)last[0]).RootElement.EnumerateObject()
            .Concat(JsonDocument.Parse((string)last[1]).RootElement.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString())
            .ToArray();
        Assert.Contains(atLimit, values);
    }

    /// <summary>Non-ASCII where the field allows it, so the limit is in characters and the text survives storage.</summary>
    private static string Text(string field, int length) => field switch
    {
        "accountId" or "transferId" => "A" + new string('9', length - 1),
        _ => "é" + new string('x', length - 2) + "€",
    };

    private static LedgerCommand Command(string field, string text, string tag) => field switch
    {
        "accountId" => new OpenAccountCommand(text, "h", null, "EUR", 1m),
        "holderId" => new OpenAccountCommand("H-" + tag, text, null, "EUR", 1m),
        "holderName" => new OpenAccountCommand("N-" + tag, "h", text, "EUR", 1m),
        "transactionReference" => new DepositMoneyCommand("FROM", 1m, text),
        "description" => new DepositMoneyCommand("FROM", 1m, "r", text),
        "transferId" => new TransferMoneyCommand(text, "FROM", "TO", 1m),
        "transferDescription" => new TransferMoneyCommand(null, "FROM", "TO", 1m, text),
        "reason" => new CloseAccountCommand("EMPTY", text),
        "closedBy" => new CloseAccountCommand("EMPTY", "r", text),
        "commandId" => new DepositMoneyCommand("FROM", 1m, "r") { CommandId = text },
        "actor" => new DepositMoneyCommand("FROM", 1m, "r") { Actor = text },
        "correlationId" => new DepositMoneyCommand("FROM", 1m, "r") { CorrelationId = text },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
