namespace Ledger.Benchmarks.Harness;

/// <summary>
/// Raw single-row INSERT transactions from several connections at once, each on a stream of its own:
/// what the server does for concurrent clients without Ledger in between (M2's baseline).
/// </summary>
public sealed class RawClients : IAsyncDisposable
{
    private readonly List<IRawInserts> connections;
    private readonly long[] versions;

    private RawClients(List<IRawInserts> connections)
    {
        this.connections = connections;
        versions = new long[connections.Count];
    }

    public static async Task<RawClients> StartAsync(BenchEngine engine, RunContext context, int clients)
    {
        var first = await engine.RawInsertsAsync(context, "m2-raw");
        var connections = new List<IRawInserts> { first };
        for (var i = 1; i < clients; i++)
        {
            connections.Add(await first.AnotherConnectionAsync());
        }

        return new RawClients(connections);
    }

    /// <summary><paramref name="total"/> transactions spread over <paramref name="clients"/> connections; returns transactions per second.</summary>
    public async Task<double> RunAsync(int clients, int total)
    {
        var perClient = total / clients;
        var rows = Enumerable.Range(0, clients).Select(c => Enumerable.Range(0, perClient).Select(_ => NextRow(c)).ToArray()).ToArray();
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            foreach (var row in rows[c])
            {
                await connections[c].InsertAsync(row);
            }
        })));
        return perClient * clients / Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private EventRow NextRow(int client)
    {
        var version = ++versions[client];
        var account = $"RAW-{client:D2}";
        IAccountEvent data = version == 1
            ? new AccountOpened(account, "H-1", "Raw Holder", "EUR", 0m, DateTimeOffset.UtcNow)
            : new MoneyDeposited(account, 1m, "R-" + version, "Deposit", DateTimeOffset.UtcNow);
        return Seeder.Row(data, version, Guid.CreateVersion7().ToString());
    }

    public async ValueTask DisposeAsync()
    {
        // The first connection owns the database: it goes last.
        for (var i = connections.Count - 1; i >= 0; i--)
        {
            await connections[i].DisposeAsync();
        }
    }
}
