using Ledger.Infrastructure.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Harness;

/// <summary>An account to seed and how many events its stream gets (the first is AccountOpened).</summary>
public sealed record SeedAccount(string AccountId, int Events);

/// <summary>What was written, so a scenario can check loads against it and pick times inside a history.</summary>
public sealed class SeedResult(IReadOnlyList<SeedAccount> accounts)
{
    public IReadOnlyList<SeedAccount> Accounts { get; } = accounts;

    public long TotalEvents { get; set; }

    public TimeSpan Duration { get; set; }

    public Dictionary<string, decimal> FinalBalance { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (long FirstTicks, long LastTicks)> TimeRange { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset First { get; set; }

    public DateTimeOffset Last { get; set; }
}

/// <summary>
/// Writes valid histories straight into the events table: the same rows the event store writes
/// (registry names, schema versions, EventSerializer JSON, metadata), in one transaction, a million
/// events in seconds instead of a million commands. Streams are interleaved at random (seeded), as
/// real traffic is, so every account's history spans the whole time range.
/// </summary>
public static class Seeder
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeds a SQLite file with Ledger's schema.</summary>
    public const int DefaultSeed = 20261126;

    public static async Task<SeedResult> SeedAsync(string path, IReadOnlyList<SeedAccount> accounts, int seed = DefaultSeed)
    {
        await using var connection = await RawSqlite.OpenAsync(path, "OFF");
        // Random interleaving means random index inserts: a large page cache keeps seeding fast. Seeding only.
        await RawSqlite.ExecuteAsync(connection, "PRAGMA cache_size = -262144");
        var startPosition = Convert.ToInt64(await RawSqlite.ScalarAsync(connection, "SELECT COALESCE(MAX(position), 0) FROM events"), System.Globalization.CultureInfo.InvariantCulture);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = RawSqlite.Prepare(connection, RawSqlite.InsertEvent, RawSqlite.InsertEventParameters);
        insert.Transaction = transaction;
        var result = await SeedAsync(accounts, seed, startPosition, async (_, row) =>
        {
            RawSqlite.BindEvent(insert, row);
            await insert.ExecuteNonQueryAsync();
        });
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>
    /// Generates the histories and hands each row, with the position it will get, to <paramref name="write"/>
    /// in position order; the caller commits.
    /// </summary>
    public static async Task<SeedResult> SeedAsync(IReadOnlyList<SeedAccount> accounts, int seed, long startPosition, Func<long, EventRow, Task> write)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var random = new Random(seed);
        var order = new int[accounts.Sum(a => a.Events)];
        var next = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            for (var e = 0; e < accounts[i].Events; e++)
            {
                order[next++] = i;
            }
        }

        random.Shuffle(order);

        var result = new SeedResult(accounts);
        var versions = new long[accounts.Count];
        var balances = new decimal[accounts.Count];
        var firstTicks = new long[accounts.Count];
        var lastTicks = new long[accounts.Count];

        for (var n = 0; n < order.Length; n++)
        {
            var i = order[n];
            var account = accounts[i];
            var at = Epoch.AddSeconds(startPosition + n + 1);
            var version = ++versions[i];
            IAccountEvent data;
            if (version == 1)
            {
                balances[i] = 1_000m;
                data = new AccountOpened(account.AccountId, "H-" + account.AccountId, "Holder " + account.AccountId, "EUR", balances[i], at);
                firstTicks[i] = at.UtcTicks;
            }
            else
            {
                var amount = random.Next(100, 50_000) / 100m;
                if (amount < balances[i] && random.Next(10) < 3)
                {
                    balances[i] -= amount;
                    data = new MoneyWithdrawn(account.AccountId, amount, "W-" + version, "Cash withdrawal", at);
                }
                else
                {
                    balances[i] += amount;
                    data = new MoneyDeposited(account.AccountId, amount, "D-" + version, "Salary", at);
                }
            }

            lastTicks[i] = at.UtcTicks;
            await write(startPosition + n + 1, Row(data, version, Guid.CreateVersion7().ToString()));
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            result.FinalBalance[accounts[i].AccountId] = balances[i];
            result.TimeRange[accounts[i].AccountId] = (firstTicks[i], lastTicks[i]);
        }

        result.TotalEvents = order.Length;
        result.First = Epoch.AddSeconds(startPosition + 1);
        result.Last = Epoch.AddSeconds(startPosition + order.Length);
        result.Duration = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return result;
    }

    /// <summary>The events-table row the event store would write for <paramref name="data"/>.</summary>
    public static EventRow Row(IAccountEvent data, long version, string commandId)
    {
        var type = EventTypeRegistry.For(data);
        return new EventRow(
            Account.StreamId(data.AccountId),
            version,
            Guid.CreateVersion7().ToString().ToUpperInvariant(),
            type.Name,
            type.SchemaVersion,
            EventSerializer.Serialize(data),
            EventSerializer.SerializeMetadata(new EventMetadata(commandId, commandId, "benchmark")),
            data.OccurredAt.UtcTicks);
    }
}
