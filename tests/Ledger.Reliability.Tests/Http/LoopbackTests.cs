namespace Ledger.Reliability.Tests.Http;

/// <summary>
/// Issue 7, item 8: with no authentication, the app must listen on loopback only unless told
/// otherwise. Each case runs the real app inside a private network namespace that this test creates
/// (unshare -n) with a non-loopback address of its own (10.253.0.1 on a veth pair), then tries to
/// connect to both addresses. Nothing leaves the namespace, and nothing in it can collide with the
/// machine's ports, which is why the default case may use the app's default port 5000 there.
/// </summary>
public sealed class LoopbackTests
{
    /// <summary>Inside the namespace only the app's own file is reachable: a PostgreSQL server outside it is not.</summary>
    private const string Why = "the app runs in a private network namespace with a --db file";

    private const string ExternalAddress = "10.253.0.1";

    [SqliteOnlyFact(Why)]
    public async Task ByDefault_TheAppRefusesConnectionsToANonLoopbackAddress()
    {
        var probe = await ProbeAsync(urls: null, port: 5000);
        Assert.True(probe.Loopback, $"nothing answered on 127.0.0.1:5000{Environment.NewLine}{probe.Log}");
        Assert.False(probe.External, $"{ExternalAddress}:5000 accepted a connection{Environment.NewLine}{probe.Log}");
    }

    [SqliteOnlyTheory(Why)]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    public async Task BoundToLoopback_TheAppRefusesConnectionsToANonLoopbackAddress(string urls)
    {
        var port = AppProcess.FreePort();
        var probe = await ProbeAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, port), port);
        Assert.True(probe.Loopback, probe.Log);
        Assert.False(probe.External, $"{ExternalAddress}:{port} accepted a connection{Environment.NewLine}{probe.Log}");
    }

    /// <summary>
    /// The control: asked to listen everywhere (which needs sign-in, and --allow-http for plain http), the external
    /// address does answer (and the app warns).
    /// </summary>
    [SqliteOnlyFact(Why)]
    public async Task BoundToAllAddresses_TheProbeSeesTheAppFromOutsideLoopback_AndTheAppWarns()
    {
        var port = AppProcess.FreePort();
        var probe = await ProbeAsync($"http://0.0.0.0:{port} --auth on --allow-http", port);
        Assert.True(probe.Loopback, probe.Log);
        Assert.True(probe.External, $"the probe could not reach {ExternalAddress}:{port} even with 0.0.0.0{Environment.NewLine}{probe.Log}");
        Assert.Contains("reachable from other machines", probe.Log, StringComparison.Ordinal);
    }

    /// <summary>Issue 16: asked to listen everywhere without sign-in, the app does not start at all.</summary>
    [Fact]
    public async Task BoundToAllAddresses_WithoutSignIn_TheAppDoesNotListenAnywhere_AndSaysWhy()
    {
        var port = AppProcess.FreePort();
        var probe = await ProbeAsync($"http://0.0.0.0:{port}", port);
        Assert.False(probe.Loopback, probe.Log);
        Assert.False(probe.External, probe.Log);
        Assert.Contains("--auth on", probe.Log, StringComparison.Ordinal);
        Assert.Contains("--allow-http", probe.Log, StringComparison.Ordinal);
    }

    private static async Task<(bool Loopback, bool External, string Log)> ProbeAsync(string? urls, int port)
    {
        var database = SqliteTestDatabase.NewPath("ledger-rel");
        var script = $$"""
            set -u
            ip link set lo up
            ip link add v0 type veth peer name v1
            ip addr add {{ExternalAddress}}/24 dev v0
            ip link set v0 up
            ip link set v1 up
            dotnet "$LEDGER_DLL" --db "$LEDGER_DB" {{(urls is null ? "" : "--urls " + urls)}} > "$LEDGER_DB.log" 2>&1 &
            app=$!
            for _ in $(seq 1 600); do
              (exec 3<>/dev/tcp/127.0.0.1/{{port}}) 2>/dev/null && break
              kill -0 $app 2>/dev/null || break
              sleep 0.1
            done
            (exec 3<>/dev/tcp/127.0.0.1/{{port}}) 2>/dev/null && echo "loopback=open" || echo "loopback=closed"
            (exec 3<>/dev/tcp/{{ExternalAddress}}/{{port}}) 2>/dev/null && echo "external=open" || echo "external=closed"
            # The console logger writes on a background thread: let the start-up lines (and any binding
            # warning) reach the log before the kill, or a busy machine loses them.
            for _ in $(seq 1 150); do
              kill -0 $app 2>/dev/null || break
              grep -q "Application started" "$LEDGER_DB.log" && { [ "{{(urls?.Contains("0.0.0.0", StringComparison.Ordinal) == true ? "warn" : "")}}" != "warn" ] || grep -q "reachable from other machines" "$LEDGER_DB.log"; } && break
              sleep 0.1
            done
            kill -9 $app
            wait $app 2>/dev/null
            cat "$LEDGER_DB.log"
            """;
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--net", "--", "bash", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LEDGER_DLL"] = LedgerWebBuild.Dll();
        start.Environment["LEDGER_DB"] = database;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start unshare");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var log = await stdout + await stderr;
            Assert.True(log.Contains("loopback=", StringComparison.Ordinal), $"the namespace probe did not run (exit {process.ExitCode}):{Environment.NewLine}{log}");
            return (log.Contains("loopback=open", StringComparison.Ordinal), log.Contains("external=open", StringComparison.Ordinal), log);
        }
        finally
        {
            SqliteTestDatabase.Delete(database);
            File.Delete(database + ".log");
        }
    }
}
