using Ledger.Infrastructure.Diagnostics;

namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 7, item 7 (mediator part): generated invalid commands, one fault each. Every one must be
/// refused with its stable code (and, for validation, the field at fault), before anything is appended.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private static readonly int Count = Soak.Size("BAD_COMMANDS", ci: 10_000, soak: 100_000);

    [Fact]
    public async Task GeneratedInvalidCommands_AreRefusedWithTheirCode_AndWriteNothing()
    {
        await Seeds.WithSeedAsync(20_260_809, async seed =>
        {
            await using var ledger = await TestLedger.StartAsync(services: CountingEventStore.Install);
            foreach (var command in BadInputs.Fixture)
            {
                await ledger.Mediator.Send((object)command);
            }

            var eventsBefore = await ledger.EventCountAsync();
            var commandsBefore = LedgerChecks.Scalar(ledger.Database, "SELECT COUNT(*) FROM processed_commands");
            var refusalsBefore = LedgerChecks.Scalar(ledger.Database, RecordedRefusals);
            var rejectedBefore = ledger.Get<LedgerMetrics>().RejectedByCode.ToDictionary(kv => kv.Key, kv => kv.Value);
            var generator = new BadInputs(new Random(seed));
            var byFault = new Dictionary<string, int>();
            var byCode = new Dictionary<string, long>();
            var mismatches = new List<string>();
            long recordable = 0;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Count; i++)
            {
                var bad = generator.Next();
                byFault[bad.Fault] = byFault.GetValueOrDefault(bad.Fault) + 1;
                var attempts = ledger.Store().EventAttempts;
                string outcome;
                try
                {
                    await ledger.Mediator.Send((object)bad.Command);
                    outcome = "accepted";
                }
                catch (DomainException refused)
                {
                    byCode[refused.Code] = byCode.GetValueOrDefault(refused.Code) + 1;
                    if (refused.Code != ErrorCodes.ValidationFailed && bad.Command.IdChosenByCaller && PassesItsOwnChecks(bad.Command))
                    {
                        recordable++;
                    }

                    outcome = refused.Code == bad.Code && (bad.Field is null || refused.Field == bad.Field)
                        ? "ok"
                        : $"{refused.Code} ({refused.Field}): {refused.Message}";
                }
                catch (Exception crash)
                {
                    outcome = $"threw {crash.GetType().Name}: {crash.Message}";
                }

                if (ledger.Store().EventAttempts != attempts)
                {
                    outcome += " and attempted to append events";
                }

                if (outcome != "ok" && mismatches.Count < 12)
                {
                    mismatches.Add($"#{i} {bad} but got {outcome}; command: {Describe(bad.Command)}");
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.True(mismatches.Count == 0, $"{mismatches.Count}+ wrong answers:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
            Assert.Equal(eventsBefore, await ledger.EventCountAsync());
            // Invalid input and what the command's own fields rule out never ran and are not recorded; a
            // rule's refusal against the accounts' state is recorded under a command id the caller chose
            // (so a resend gets the same answer), as a refusal and nothing else.
            Assert.Equal(commandsBefore + recordable, LedgerChecks.Scalar(ledger.Database, "SELECT COUNT(*) FROM processed_commands"));
            Assert.Equal(refusalsBefore + recordable, LedgerChecks.Scalar(ledger.Database, RecordedRefusals));
            foreach (var (code, count) in byCode)
            {
                Assert.Equal(count, ledger.Get<LedgerMetrics>().RejectedByCode.GetValueOrDefault(code) - rejectedBefore.GetValueOrDefault(code));
            }

            // Still up and still right.
            var after = await ledger.Mediator.Send(new DepositMoneyCommand(BadInputs.Eur, 0.01m, "still-alive"));
            Assert.Equal(100.01m, after.Balance);
            LedgerChecks.AssertReadModelEqualsReplay(ledger.Database);

            Figures.Report(output, nameof(GeneratedInvalidCommands_AreRefusedWithTheirCode_AndWriteNothing), new
            {
                seed,
                commands = Count,
                faults = byFault.Count,
                byCode,
                seconds = Math.Round(elapsed.TotalSeconds, 2),
            });
        });
    }

    private const string RecordedRefusals = """SELECT COUNT(*) FROM processed_commands WHERE result LIKE '{"refused":%'""";

    private static bool PassesItsOwnChecks(LedgerCommand command)
    {
        try
        {
            command.ValidateEnvelope();
            _ = command switch
            {
                OpenAccountCommand open => (object)open.ToDomain(open.AccountId ?? "generated"),
                DepositMoneyCommand deposit => deposit.ToDomain(),
                WithdrawMoneyCommand withdrawal => withdrawal.ToDomain(),
                CloseAccountCommand closing => closing.ToDomain(),
                TransferMoneyCommand transfer => transfer.ToDomain(transfer.TransferId ?? "generated"),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
            };
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static string Describe(LedgerCommand command)
    {
        var text = command.ToString() ?? "";
        return text.Length <= 200 ? text : text[..200] + $"… ({text.Length} chars)";
    }
}
