using System.Net.Sockets;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// How these tests run the real Ledger.Web: as production does, on a given test database (its engine's
/// command-line options, <see cref="TestDatabase.CommandLine"/>) and a loopback port in 5300–5399, ready
/// once /health answers. <see cref="LedgerWebProcess.KillAsync"/> is the crash.
/// </summary>
public static class AppProcess
{
    public const int FirstPort = 5300;
    public const int LastPort = 5399;

    private static readonly Lock PortLock = new();
    private static int nextPort = FirstPort + (Environment.ProcessId % 50);

    /// <summary>Starts the app on a SQLite file (one the test manages itself: backups and restores are files).</summary>
    public static Task<(LedgerWebProcess App, TimeSpan Ready)> StartAsync(string databasePath, TimeSpan? timeout = null) =>
        StartAsync(SqliteTestDatabase.At(databasePath), timeout);

    /// <summary>
    /// Starts the app (with <c>environment</c>'s settings on top of the defaults: a log level, say) and waits
    /// until /health answers 200; returns it with how long that took.
    /// </summary>
    public static async Task<(LedgerWebProcess App, TimeSpan Ready)> StartAsync(TestDatabase database, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new LedgerWebStartInfo(database)
        {
            Port = FreePort(),
            Environment = "Production",
            WorkingDirectory = Path.GetDirectoryName(LedgerWebBuild.Dll())!,
            ReadinessPath = "/health",
            StartTimeout = timeout ?? TimeSpan.FromSeconds(60),
            ExtraEnvironment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["DOTNET_gcServer"] = "0" },
        };
        var started = Stopwatch.GetTimestamp();
        var app = await LedgerWebProcess.StartAsync(info);
        return (app, Stopwatch.GetElapsedTime(started));
    }

    public static HttpClient CreateClient(this LedgerWebProcess app) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = app.BaseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A port in 5300–5399 that nothing on loopback is listening on right now.</summary>
    public static int FreePort()
    {
        lock (PortLock)
        {
            for (var tries = 0; tries <= LastPort - FirstPort; tries++)
            {
                var port = nextPort;
                nextPort = nextPort == LastPort ? FirstPort : nextPort + 1;
                try
                {
                    using var probe = new TcpListener(IPAddress.Loopback, port);
                    probe.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken; try the next one.
                }
            }
        }

        throw new InvalidOperationException($"No free port in {FirstPort}–{LastPort}.");
    }
}
