using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Reliability.Tests.Support;

/// <summary>How a planned command is sent again: one after another, racing, after a lost reply, or racing another body under its id.</summary>
internal enum DuplicateMode
{
    Sequential,
    Racing,
    ReplyLost,
    RacingAgainstOtherBody,
}

/// <summary>
/// One command of <see cref="DuplicateCommandTests"/>: its body, another body under the same id, how often and
/// how it is sent, and the checks on its answers (all the same, exactly one fresh, another body refused).
/// </summary>
internal sealed record DuplicatePlan(int Index, string Id, LedgerCommand Command, LedgerCommand Other, int Sends, DuplicateMode Mode, bool AlsoReuseAfterwards, int LoseAfterMs)
{
    /// <summary>The body whose effect the ledger kept.</summary>
    public LedgerCommand? Winner { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} {Mode}×{Sends}");

    public static DuplicatePlan Create(int index, Random random, string[] accounts)
    {
        var id = $"cmd-{index:D6}";
        var amount = random.Next(1, 5_000) / 100m;
        var a = accounts[random.Next(accounts.Length)];
        var b = accounts[(Array.IndexOf(accounts, a) + 1 + random.Next(accounts.Length - 1)) % accounts.Length];
        (LedgerCommand command, LedgerCommand other) = random.Next(10) switch
        {
            < 4 => ((LedgerCommand)new DepositMoneyCommand(a, amount, $"ref-{index}"), (LedgerCommand)new DepositMoneyCommand(a, amount + 0.01m, $"ref-{index}")),
            < 6 => (new WithdrawMoneyCommand(a, amount, $"ref-{index}"), new WithdrawMoneyCommand(a, amount, $"ref-{index}-changed")),
            < 9 => (new TransferMoneyCommand($"T-{index}", a, b, amount), new TransferMoneyCommand($"T-{index}", b, a, amount)),
            _ => (new OpenAccountCommand($"NEW-{index}", "dup", null, "EUR", amount), new OpenAccountCommand($"NEW-{index}", "dup", null, "USD", amount)),
        };
        var mode = random.Next(20) switch
        {
            < 7 => DuplicateMode.Sequential,
            < 13 => DuplicateMode.Racing,
            < 18 => DuplicateMode.ReplyLost,
            _ => DuplicateMode.RacingAgainstOtherBody,
        };
        return new DuplicatePlan(index, id, command with { CommandId = id }, other with { CommandId = id }, random.Next(2, 6), mode, random.Next(3) == 0, random.Next(0, 4));
    }

    public async Task ExecuteAsync(IReadOnlyList<TestLedger> processes, DuplicateSender sender)
    {
        var answers = new List<object>();
        switch (Mode)
        {
            case DuplicateMode.Sequential:
                for (var s = 0; s < Sends; s++)
                {
                    answers.Add(await sender.SendAsync(processes[s % 2], Command));
                }

                break;

            case DuplicateMode.Racing:
                answers.AddRange(await sender.RaceAsync(Enumerable.Range(0, Sends).Select(s => (processes[s % 2], Command))));
                break;

            case DuplicateMode.ReplyLost:
                // The first reply is lost at a random moment (possibly after the commit); the client,
                // not knowing, retries with the same id.
                using (var lose = new CancellationTokenSource(TimeSpan.FromMilliseconds(LoseAfterMs)))
                {
                    try
                    {
                        answers.Add(await sender.SendAsync(processes[0], Command, lose.Token));
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref sender.Lost);
                        if (processes.Sum(p => p.Store().ByCommand.GetValueOrDefault(Id)?.Committed ?? 0) > 0)
                        {
                            Interlocked.Increment(ref sender.LostButCommitted);
                        }
                    }
                }

                for (var s = 1; s < Sends; s++)
                {
                    answers.Add(await sender.SendAsync(processes[s % 2], Command));
                }

                break;

            case DuplicateMode.RacingAgainstOtherBody:
                var outcomes = await Task.WhenAll(
                    sender.TryAsync(processes[0], Command),
                    sender.TryAsync(processes[1], Other));
                var won = outcomes.Count(o => o.Result is not null);
                Assert.True(won == 1 && outcomes.All(o => o.Result is not null || o.Code == CommandErrorCodes.IdempotencyKeyReused),
                    $"command {Id}: racing two bodies gave {string.Join(" / ", outcomes.Select(o => o.Result is null ? o.Code : "ok"))}");
                Interlocked.Increment(ref sender.Reused);
                if (outcomes[0].Result is { } mine)
                {
                    answers.Add(mine);
                }
                else
                {
                    Winner = Other;
                    Interlocked.Increment(ref sender.OtherBodyWon);
                    await AssertReusedAsync(processes[1], Command, sender);
                    return;
                }

                for (var s = 1; s < Sends; s++)
                {
                    answers.Add(await sender.SendAsync(processes[s % 2], Command));
                }

                break;
        }

        Winner ??= Command;
        var firstAnswer = Json(answers[0]);
        Assert.All(answers, a => Assert.True(Json(a) == firstAnswer, $"command {Id} ({Mode}) answered {Json(a)} after {firstAnswer}"));
        var fresh = answers.Count(a => !((CommandOutcome)a).Replayed);
        Assert.True(fresh == 1 || (fresh == 0 && Mode == DuplicateMode.ReplyLost),
            $"command {Id} ({Mode}): {fresh} of {answers.Count} answers claim to be the first");
        Interlocked.Add(ref sender.Replayed, answers.Count - fresh);

        if (AlsoReuseAfterwards)
        {
            await AssertReusedAsync(processes[Index % 2], Other, sender);
        }
    }

    private async Task AssertReusedAsync(TestLedger process, LedgerCommand command, DuplicateSender sender)
    {
        var committedBefore = process.Store().ByCommand.GetValueOrDefault(Id)?.Committed ?? 0;
        var refused = await Assert.ThrowsAnyAsync<DomainException>(async () => await sender.SendAsync(process, command));
        Assert.True(refused.Code == CommandErrorCodes.IdempotencyKeyReused, $"command {Id}: another body under the same id gave {refused.Code}");

        // Nothing committed under that id (other lanes keep writing, so the event count cannot tell; the
        // final per-command effect count checks the database too). The other body may get as far as an
        // append that the command id's primary key then refuses.
        Assert.Equal(committedBefore, process.Store().ByCommand.GetValueOrDefault(Id)?.Committed ?? 0);
        Interlocked.Increment(ref sender.Reused);
    }

    /// <summary>What <paramref name="command"/>, acting once, does to the balances.</summary>
    public static void Apply(LedgerCommand command, Dictionary<string, decimal> balances)
    {
        switch (command)
        {
            case DepositMoneyCommand d:
                balances[d.AccountId] += d.Amount;
                break;
            case WithdrawMoneyCommand w:
                balances[w.AccountId] -= w.Amount;
                break;
            case TransferMoneyCommand t:
                balances[t.FromAccountId] -= t.Amount;
                balances[t.ToAccountId] += t.Amount;
                break;
            case OpenAccountCommand o:
                balances[o.AccountId!] = o.InitialDeposit;
                break;
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), EventSerializer.Options);
}
