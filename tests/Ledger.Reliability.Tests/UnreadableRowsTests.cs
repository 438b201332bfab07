using Ledger.Domain.Accounts;

namespace Ledger.Reliability.Tests;

/// <summary>
/// Issue 11, items 2 and 8: a random workload while, now and then, a row this build cannot read lands in a
/// random account (as a newer Ledger or another program would write it). Whatever the seed: every
/// command on a held account is refused with stream_unreadable and writes nothing, every other account
/// keeps working, and the read model equals a replay of every readable prefix.
/// </summary>
public sealed class UnreadableRowsTests(ITestOutputHelper output)
{
    private static readonly (string Type, int Schema, string Data)[] Unreadable =
    [
        ("InterestApplied", 1, """{"amount":1.5}"""),
        ("MoneyDeposited", 99, """{"amount":2,"currency":"EUR"}"""),
        ("AccountFrozen", 3, """{"reason":"audit"}"""),
        // PostgreSQL keeps data as jsonb and refuses text that is not JSON: there, JSON of the wrong shape.
        TestDatabase.DefaultIs("sqlite") ? ("MoneyWithdrawn", 1, "this is not json") : ("MoneyWithdrawn", 1, """{"amount":"not a number"}"""),
    ];

    [Fact]
    public async Task RandomUnreadableRows_HoldOnlyTheirOwnAccounts()
    {
        var seed = Seeds.Resolve(20261130);
        var commands = Soak.Size("UNREADABLE_COMMANDS", ci: 600, soak: 10_000);
        await Seeds.RunAsync(seed, async () =>
        {
            await using var ledger = await TestLedger.StartAsync();
            var random = new Random(seed);
            var workload = new RandomWorkload(seed, accounts: 12);
            await workload.RunAsync(ledger.Mediator, 0);
            var held = new HashSet<string>(StringComparer.Ordinal);
            var refusedOnHeld = 0;
            for (var i = 0; i < commands; i++)
            {
                if (random.Next(100) == 0)
                {
                    var account = workload.AccountId(random.Next(12));
                    var version = (await ledger.Mediator.Send(new GetAccountEventsQuery(account, 1, null, 1000))).Items.Count + 1L;
                    var (type, schema, data) = Unreadable[random.Next(Unreadable.Length)];
                    await ledger.InsertRawEventAsync(account, version, type, schema, data);
                    held.Add(account);
                }

                var command = workload.Next();
                var before = await ledger.EventCountAsync();
                try
                {
                    await ledger.Mediator.Send((object)command);
                    Assert.False(Touches(command).Any(held.Contains), $"{command} acted on a held account");
                }
                catch (CommandRefusedException refused) when (refused.Code == CommandErrorCodes.StreamUnreadable)
                {
                    Assert.True(Touches(command).Any(held.Contains), $"{command} was refused as unreadable, but touches no held account");
                    // Nothing written. (An append may have been tried: a command decided on a cached state learns
                    // of the unreadable event from the append's conflict, and is then refused on the stream as it is.)
                    Assert.Equal(before, await ledger.EventCountAsync());
                    refusedOnHeld++;
                }
                catch (DomainException)
                {
                    // An ordinary refusal (funds, closed, currency): part of the workload.
                }
            }

            await ledger.CatchUpAsync();
            var status = await ledger.Mediator.Send(new GetLedgerStatusQuery());
            Assert.Equal(held.Order(StringComparer.Ordinal), status.Quarantined.Select(q => q.AccountId).Order(StringComparer.Ordinal));
            Assert.All(status.Projections, p => Assert.Equal(0, p.LagEvents));
            await AssertReadModelIsTheReadablePrefixAsync(ledger, workload, 12);
            Figures.Report(output, nameof(RandomUnreadableRows_HoldOnlyTheirOwnAccounts), new { seed, commands, held = held.Count, refusedOnHeld });
        });
    }

    /// <summary>Each account's read model equals a fold of its events up to the first one this build cannot read.</summary>
    private static async Task AssertReadModelIsTheReadablePrefixAsync(TestLedger ledger, RandomWorkload workload, int accounts)
    {
        var all = await ledger.ReadAllAsync();
        for (var a = 0; a < accounts; a++)
        {
            var id = workload.AccountId(a);
            var readable = all.Where(e => e.Data.AccountId == id).TakeWhile(e => e.IsReadable).Select(e => e.Data);
            var expected = Account.Fold(readable)!;
            var actual = (await ledger.Mediator.Send(new GetAccountQuery(id)))!;
            Assert.Equal((expected.Balance, expected.Version, expected.Status), (actual.Balance, actual.Version, actual.Status));
            var history = await ledger.Mediator.Send(new GetAccountHistoryQuery(id, PageSize: 1));
            Assert.Equal(expected.Version, history.Total);
        }
    }

    private static string[] Touches(LedgerCommand command) => command switch
    {
        OpenAccountCommand o => [o.AccountId!],
        DepositMoneyCommand d => [d.AccountId],
        WithdrawMoneyCommand w => [w.AccountId],
        CloseAccountCommand c => [c.AccountId],
        TransferMoneyCommand t => [t.FromAccountId, t.ToAccountId],
        _ => [],
    };
}
