using Ledger.Domain.Money;

namespace Ledger.Infrastructure.Tests;

/// <summary>The read model must always be what a fresh replay of the events would produce (instants to the engine's resolution).</summary>
public static class ReadModelAssert
{
    public static async Task EqualsReplayAsync(TestLedger ledger)
    {
        await using var db = await ledger.DbAsync();
        var resolution = ledger.Database.InstantResolution.Ticks;
        var states = new Dictionary<string, Account>();
        var expectedLedger = new List<(string Account, long Version, long BalanceAfter)>();
        foreach (var stored in await ledger.ReadAllAsync())
        {
            var e = stored.Data;
            var next = Account.Evolve(states.GetValueOrDefault(e.AccountId), e);
            states[e.AccountId] = next;
            expectedLedger.Add((next.AccountId, next.Version, Amounts.ToMinorUnits(next.Balance, next.Currency)));
        }

        var balances = await db.AccountBalances.AsNoTracking().ToDictionaryAsync(b => b.AccountId);
        Assert.Equal(states.Count, balances.Count);
        foreach (var state in states.Values)
        {
            var row = balances[state.AccountId];
            Assert.Equal(Amounts.ToMinorUnits(state.Balance, state.Currency), row.BalanceMinor);
            Assert.Equal(state.Version, row.Version);
            Assert.Equal(state.Status.ToString(), row.Status);
            Assert.Equal(state.LastUpdatedAt.AddTicks(-(state.LastUpdatedAt.UtcTicks % resolution)), row.LastUpdatedAt);
        }

        var ledgerRows = await db.LedgerEntries.AsNoTracking().ToListAsync();
        var actual = ledgerRows.Select(l => (l.AccountId, l.Version, l.BalanceAfterMinor)).OrderBy(x => x.AccountId).ThenBy(x => x.Version).ToList();
        var expected = expectedLedger.OrderBy(x => x.Account).ThenBy(x => x.Version).ToList();
        Assert.Equal(expected, actual);
    }
}
