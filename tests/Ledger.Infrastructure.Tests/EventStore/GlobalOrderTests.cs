using System.Collections.Concurrent;

namespace Ledger.Infrastructure.Tests.EventStore;

/// <summary>
/// A reader that follows the feed by position, as the projection runner does (read after its checkpoint,
/// move the checkpoint to the last event read), must never step over an event: positions have to become
/// visible in position order, however many processes append at once. Several ledgers on one database
/// play several processes, each appending on its own connection.
/// </summary>
public sealed class GlobalOrderTests
{
    private const int Processes = 3;
    private const int WritersPerProcess = 3;
    private const int AppendsPerWriter = 40;

    [Fact]
    public async Task AReaderFollowingTheFeed_SeesEveryCommittedPositionOnce_InOrder_WhileProcessesAppendAtOnce()
    {
        var seed = Environment.GetEnvironmentVariable("LEDGER_SEED") is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 1;
        await using var owner = await TestLedger.StartAsync();
        var processes = new List<TestLedger> { owner };
        try
        {
            for (var i = 1; i < Processes; i++)
            {
                processes.Add(await TestLedger.StartAsync(database: owner.Database.Borrow()));
            }

            var reader = await TestLedger.StartAsync(database: owner.Database.Borrow());
            processes.Add(reader);
            var committed = new ConcurrentBag<long>();
            var writing = Task.WhenAll(processes.Take(Processes).SelectMany((ledger, p) => Enumerable.Range(0, WritersPerProcess)
                .Select(w => Task.Run(() => WriteAsync(ledger, $"P{p}W{w}", new Random(HashCode.Combine(seed, p, w)), committed)))));

            var seen = await FollowAsync(reader, writing, seed);

            await writing;
            Assert.True(committed.Count > Processes * WritersPerProcess * AppendsPerWriter, $"seed {seed}: too few events were committed to prove anything");
            Assert.Equal(committed.Order(), seen);
            Assert.Equal(seen.Count, await owner.EventCountAsync());
        }
        finally
        {
            // Borrowers first: the owner removes the database.
            foreach (var ledger in processes.Skip(1))
            {
                await ledger.DisposeAsync();
            }
        }
    }

    /// <summary>Reads after the checkpoint in small pages until the writers are done and nothing is left.</summary>
    private static async Task<List<long>> FollowAsync(TestLedger reader, Task writing, int seed)
    {
        var seen = new List<long>();
        long checkpoint = 0;
        while (true)
        {
            // Whether the writers were done is decided before the read, so the last read sees every commit.
            var writersDone = writing.IsCompleted;
            var page = await reader.ReadAllAsync(checkpoint, limit: 25);
            foreach (var stored in page)
            {
                // A position beyond checkpoint + 1 means the one in between was not visible yet: a reader
                // moving its checkpoint here would never see it. Positions have no gaps, so this is exact.
                Assert.True(stored.Position == checkpoint + 1,
                    $"seed {seed}: after position {checkpoint} the reader saw {stored.Position} (read so far: {seen.Count})");
                checkpoint = stored.Position;
                seen.Add(stored.Position);
            }

            if (page.Count == 0)
            {
                if (writersDone)
                {
                    return seen;
                }

                // Polling the feed, as a projection does between notifications.
                await Task.Delay(1);
            }
        }
    }

    /// <summary>
    /// Appends of one to three streams with one to three events each; every fifth one fails on its last
    /// stream after its first events already took positions, so rolled-back positions are in the mix.
    /// </summary>
    private static async Task WriteAsync(TestLedger ledger, string writer, Random random, ConcurrentBag<long> committed)
    {
        for (var i = 0; i < AppendsPerWriter; i++)
        {
            var streams = Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            var appends = streams.Select(n => new StreamAppend($"BankAccount-{writer}-{n}", ExpectedVersion.Any,
                    Enumerable.Range(0, random.Next(1, 4)).Select(_ => NewEvent.From(new MoneyDeposited($"{writer}-{n}", 1m, $"{writer}-{i}", "order test", DateTimeOffset.UnixEpoch))).ToArray()))
                .ToList();
            var failing = i % 5 == 4;
            if (failing)
            {
                appends.Add(new StreamAppend($"BankAccount-{writer}-{streams[0]}", ExpectedVersion.Exactly(1_000_000), [NewEvent.From(new MoneyDeposited($"{writer}-{streams[0]}", 1m, "doomed", "order test", DateTimeOffset.UnixEpoch))]));
            }

            try
            {
                foreach (var stored in await ledger.AppendUnpublishedAsync(appends, new EventMetadata($"{writer}-{i}", $"{writer}-{i}", "order-test")))
                {
                    committed.Add(stored.Position);
                }

                Assert.False(failing, $"{writer}: append {i} should have been refused");
            }
            catch (ConcurrencyException) when (failing)
            {
                // Refused, and rolled back with the positions its first events had taken.
            }
        }
    }
}
