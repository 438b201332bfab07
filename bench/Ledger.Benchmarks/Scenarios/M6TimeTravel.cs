using Ledger.Infrastructure.Application.Queries;
using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M6: the time-travel queries through the mediator, on the long account of the shared database
/// (state at a random version, state at a random moment) and ledger-wide (every account as of a random
/// moment), against replaying that account's whole stream, which is what time travel would cost
/// without the account_ledger read model.
/// </summary>
public sealed class M6TimeTravel(BenchEngine engine) : Scenario(engine.Id("M6"), engine.Title("Time travel"))
{
    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var big = await BigLedger.GetAsync(context, engine);
        await big.EnsureProjectionsAsync();
        await using var ledger = await big.StartLedgerAsync();
        var mediator = ledger.Mediator;
        var accountId = big.TimeTravelAccount;
        var length = context.Sizes.M6AccountEvents;
        var (first, last) = big.Seed.TimeRange[accountId];
        var random = new Random(6);
        DateTimeOffset RandomMoment(long from, long to) => new(from + (long)(random.NextDouble() * (to - from)), TimeSpan.Zero);

        var replay = new Latencies();
        var loader = ledger.Get<AccountLoader>();
        for (var i = 0; i < 3; i++)
        {
            await replay.TimeAsync(() => loader.ReplayAsync(accountId, CancellationToken.None));
        }

        var atVersion = new Latencies();
        var atTime = new Latencies();
        for (var i = -20; i < context.Sizes.M6Queries; i++)
        {
            var version = random.NextInt64(1, length + 1);
            var moment = RandomMoment(first, last);
            var byVersion = await Time(i < 0 ? null : atVersion, async () => await mediator.Send(new GetAccountStateAtVersionQuery(accountId, version)));
            var byTime = await Time(i < 0 ? null : atTime, async () => await mediator.Send(new GetAccountStateAtTimeQuery(accountId, moment)));
            if (byVersion?.Version != version || byTime is null || byTime.AsOf > moment)
            {
                throw new InvalidOperationException($"Time travel on {accountId} answered wrongly at v{version} / {moment:O}.");
            }
        }

        await CheckLedgerWideAsync(ledger, big, RandomMoment(big.Seed.First.UtcTicks, big.Seed.Last.UtcTicks));
        var ledgerWide = new Latencies();
        var accounts = 0;
        for (var i = -2; i < context.Sizes.M6LedgerQueries; i++)
        {
            var moment = RandomMoment(big.Seed.First.UtcTicks, big.Seed.Last.UtcTicks);
            var view = await Time(i < 0 ? null : ledgerWide, async () => await mediator.Send(new GetBalancesAsOfQuery(moment)));
            accounts = Math.Max(accounts, view.Total);
        }

        var replayMs = replay.P50;
        var rows = new List<Row>
        {
            new(Id, engine.Prefix + $"state at a random version, {length:N0}-event account: p50 / p95 / p99",
                $"{Format.Ms(atVersion.P50)} / {Format.Ms(atVersion.P95)} / {Format.Ms(atVersion.P99)}",
                $"{Format.Ms(replayMs)} full replay", Format.Ratio(replayMs / atVersion.P95) + " faster (p95)",
                "p95 ≤ 5 ms", Row.Check(atVersion.P95 <= 5)),
            new(Id, engine.Prefix + $"state at a random time, {length:N0}-event account: p50 / p95 / p99",
                $"{Format.Ms(atTime.P50)} / {Format.Ms(atTime.P95)} / {Format.Ms(atTime.P99)}",
                $"{Format.Ms(replayMs)} full replay", Format.Ratio(replayMs / atTime.P95) + " faster (p95)",
                "p95 ≤ 5 ms", Row.Check(atTime.P95 <= 5)),
        };
        var scanMs = context.Shared.TryGetValue(engine.Id("M7") + ".scanRate", out var scanRate) ? big.Seed.TotalEvents / scanRate * 1000 : double.NaN;
        rows.Add(new Row(Id, engine.Prefix + $"balances as of a random time, totals over all {accounts:N0} accounts + the first page of {GetBalancesAsOfQuery.DefaultPageSize}: p50 / p95",
            $"{Format.Ms(ledgerWide.P50)} / {Format.Ms(ledgerWide.P95)}",
            double.IsNaN(scanMs) ? "n/a (M7 did not run)" : $"{Format.Ms(scanMs)} raw scan of all {big.Seed.TotalEvents:N0} events (M7)",
            double.IsNaN(scanMs) ? "n/a" : Format.Ratio(scanMs / ledgerWide.P95) + " faster (p95)",
            "p95 ≤ 200 ms", Row.Check(ledgerWide.P95 <= 200)));
        RunContext.Progress($"{Id}: at-version p95 {Format.Ms(atVersion.P95)}, at-time p95 {Format.Ms(atTime.P95)}, ledger-wide p95 {Format.Ms(ledgerWide.P95)}");
        var setup = $"{context.Sizes.M6Queries} queries of each kind at random versions and moments of {accountId} ({length:N0} events), "
            + $"{context.Sizes.M6LedgerQueries} ledger-wide queries over {accounts:N0} accounts ({big.Seed.TotalEvents:N0} events); all through the mediator; "
            + "answers checked (version asked = version returned; one ledger-wide answer compared with a replay).";
        return new Measurement(rows, setup, engine.IsPostgres ? Readings.M6Postgres : Readings.M6);
    }

    private static async Task<T> Time<T>(Latencies? latencies, Func<Task<T>> query) =>
        latencies is null ? await query() : await latencies.TimeAsync(query);

    /// <summary>One account of a ledger-wide answer must equal a replay of its events up to that moment.</summary>
    private static async Task CheckLedgerWideAsync(TestLedger ledger, BigLedger big, DateTimeOffset moment)
    {
        var sample = big.LedgerAccounts[big.LedgerAccounts.Count / 2];
        var view = await ledger.Mediator.Send(new GetBalancesAsOfQuery(moment, Search: sample));
        var events = await ledger.Get<IEventStore>().ReadStreamAsync(Account.StreamId(sample), 1, CancellationToken.None);
        var expected = Account.Fold(events.Where(e => e.OccurredAt <= moment));
        var actual = view.Accounts.SingleOrDefault(a => a.AccountId == sample);
        if (expected?.Balance != actual?.Balance || expected?.Version != actual?.Version)
        {
            throw new InvalidOperationException($"As of {moment:O}, {sample} reads {actual?.Balance} v{actual?.Version}; a replay says {expected?.Balance} v{expected?.Version}.");
        }
    }
}
