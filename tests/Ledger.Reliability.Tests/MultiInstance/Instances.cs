using Ledger.Infrastructure.Storage.Postgres;

namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Several real Ledger.Web processes on one PostgreSQL database, as a team runs them behind a load
/// balancer. Which one leads the projections is read from the server itself: the session holding the
/// leader's advisory lock, named after its process (see <see cref="PostgresCoordinator"/>).
/// </summary>
internal sealed class Instances : IAsyncDisposable
{
    public const string Why = "several instances share one PostgreSQL database: a leader lock and NOTIFY are the server's";

    private Instances(TestDatabase database, List<LedgerWebProcess> apps)
    {
        Database = database;
        Apps = apps;
        Clients = apps.Select(a => a.CreateClient()).ToList();
    }

    public TestDatabase Database { get; }

    public List<LedgerWebProcess> Apps { get; }

    public List<HttpClient> Clients { get; }

    /// <summary>Starts <paramref name="count"/> instances on a new database: the first alone (it migrates), the rest together.</summary>
    public static async Task<Instances> StartAsync(int count)
    {
        var database = await TestDatabase.NewAsync("ledger-multi");
        var apps = new List<LedgerWebProcess>();
        try
        {
            apps.Add((await AppProcess.StartAsync(database)).App);
            var others = await Task.WhenAll(Enumerable.Range(1, count - 1).Select(_ => AppProcess.StartAsync(database)));
            apps.AddRange(others.Select(o => o.App));
        }
        catch
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }

        return new Instances(database, apps);
    }

    /// <summary>The instance whose coordination session holds the leader's lock right now, if any.</summary>
    public LedgerWebProcess? Leader()
    {
        var names = LedgerChecks.Rows(Database, $"""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = {(uint)(Coordination.LeaderLockKey >> 32)} AND l.objid::bigint = {(uint)(Coordination.LeaderLockKey & 0xFFFF_FFFF)}
            """).Select(r => (string)r[0]).ToList();
        Assert.True(names.Count <= 1, $"more than one session holds the leader's lock: {string.Join(", ", names)}");
        return names.Count == 0 ? null : Apps.SingleOrDefault(a => names[0] == $"ledger-coordinator-{a.ProcessId}");
    }

    /// <summary>Polls until some instance (other than <paramref name="not"/>) leads; returns it and how long that took.</summary>
    public async Task<(LedgerWebProcess Leader, TimeSpan After)> WaitForLeaderAsync(TimeSpan deadline, LedgerWebProcess? not = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < deadline)
        {
            if (Leader() is { } leader && leader != not)
            {
                return (leader, Stopwatch.GetElapsedTime(started));
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No instance led the projections within {deadline}.{Environment.NewLine}{string.Join(Environment.NewLine, Apps.Select(a => a.Output))}");
    }

    /// <summary>Committed events some projection has not applied, read from the database.</summary>
    public long Lag() => LedgerChecks.Scalar(Database,
        "SELECT COALESCE((SELECT MAX(position) FROM events), 0) - COALESCE((SELECT MIN(position) FROM projection_checkpoints), 0)");

    /// <summary>Polls until the projections have applied every committed event; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForNoLagAsync(TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        while (Lag() != 0)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < deadline, $"projections still {Lag()} events behind after {deadline}");
            await Task.Delay(20);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    public HttpClient ClientOf(LedgerWebProcess app) => Clients[Apps.IndexOf(app)];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        foreach (var app in Apps)
        {
            await app.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    /// <summary>An account's balance as the instance's read model has it.</summary>
    public static async Task<decimal> BalanceAsync(HttpClient http, string accountId)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/accounts/{accountId}", UriKind.Relative)));
        return document.RootElement.GetProperty("balance").GetDecimal();
    }

    public static long Position(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Ledger-Position").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
}
