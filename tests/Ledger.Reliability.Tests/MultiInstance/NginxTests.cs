using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;

namespace Ledger.Reliability.Tests.MultiInstance;

/// <summary>
/// Issue 14: the example load balancer configuration, deploy/nginx/ledger.conf, in front of two
/// instances, with only its addresses rewritten. A Blazor circuit negotiated through nginx opens its
/// WebSocket through nginx on the same instance (sticky, upgraded), which the other instance would refuse;
/// commands and their Ledger-Position pass through.
/// </summary>
public sealed partial class NginxTests
{
    [PostgresOnlyFact(Instances.Why)]
    public async Task TheExampleNginxConfiguration_KeepsABlazorCircuitOnItsInstance_AndPassesCommandsThrough()
    {
        // Outside the 5300–5399 range the suites' apps share, which another test process may take meanwhile.
        var nginxPort = EphemeralPort();
        var publicHost = $"127.0.0.1:{nginxPort}";
        await using var database = await TestDatabase.NewAsync("ledger-multi-nginx");
        await using var a = await StartAsync(database, publicHost);
        await using var b = await StartAsync(database, publicHost);
        await using var nginx = await Nginx.StartAsync(nginxPort, [a.BaseUrl, b.BaseUrl]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{publicHost}") };

        using (var opened = await Instances.PostAsync(http, "/api/accounts", new { accountId = "NGX-1", holderId = "h", currency = "EUR", initialDeposit = 5 }, "open"))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            Assert.True(Instances.Position(opened) >= 1);
        }

        Assert.Equal(5m, await Instances.BalanceAsync(http, "NGX-1"));

        // A circuit's WebSocket must reach the instance that negotiated it: through nginx it does, every time.
        for (var i = 0; i < 5; i++)
        {
            var token = await NegotiateAsync(http);
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{publicHost}/_blazor?id={token}"), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, socket.State);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        // The control: the same kind of token taken to both instances directly is refused by one of them.
        using var straight = new HttpClient { BaseAddress = a.BaseUrl };
        var direct = await NegotiateAsync(straight);
        using var elsewhere = new HttpClient { BaseAddress = b.BaseUrl };
        using var refused = await elsewhere.GetAsync(new Uri($"/_blazor?id={direct}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static int EphemeralPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<string> NegotiateAsync(HttpClient http)
    {
        using var negotiated = await http.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        using var json = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private static Task<LedgerWebProcess> StartAsync(TestDatabase database, string publicHost) =>
        LedgerWebProcess.StartAsync(new LedgerWebStartInfo(database)
        {
            Port = AppProcess.FreePort(),
            Environment = "Production",
            WorkingDirectory = Path.GetDirectoryName(LedgerWebBuild.Dll())!,
            ReadinessPath = "/health",
            StartTimeout = TimeSpan.FromSeconds(60),
            ExtraEnvironment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["Ledger__AllowedHosts"] = publicHost },
        });

    /// <summary>nginx from Debian's package, in a folder of its own, running deploy/nginx/ledger.conf with its addresses rewritten.</summary>
    private sealed partial class Nginx(Process process, string folder) : IAsyncDisposable
    {
        public static async Task<Nginx> StartAsync(int port, Uri[] instances)
        {
            var folder = Directory.CreateTempSubdirectory("ledger-nginx-").FullName;
            var example = await File.ReadAllTextAsync(Path.Combine(LedgerWebBuild.ProjectDirectory(), "..", "..", "deploy", "nginx", "ledger.conf"));
            var servers = ServerLine().Replace(example, "");
            servers = servers.Replace("ip_hash;", "ip_hash;\n" + string.Concat(instances.Select(i => $"    server {i.Authority};\n")), StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, "ledger.conf"), servers.Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
                worker_processes 1;
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path {{folder}}/body;
                    proxy_temp_path {{folder}}/proxy;
                    include {{folder}}/ledger.conf;
                }
                """);
            var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var nginx = new Nginx(process, folder);
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while (true)
            {
                Assert.False(process.HasExited, $"nginx exited: {await process.StandardError.ReadToEndAsync()}");
                try
                {
                    using var health = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    if (health.StatusCode == HttpStatusCode.OK && health.Headers.Server.ToString().StartsWith("nginx", StringComparison.Ordinal))
                    {
                        return nginx;
                    }
                }
                catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
                {
                }

                Assert.True(Stopwatch.GetTimestamp() < deadline, "nginx did not answer within 10 s");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        [GeneratedRegex(@"^\s*server 127\.0\.0\.1:\d+;\s*$\n?", RegexOptions.Multiline)]
        private static partial Regex ServerLine();
    }
}
