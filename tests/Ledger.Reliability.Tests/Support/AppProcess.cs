using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// The real Ledger.Web (the built dll) as a child process on a given database file and a loopback port
/// in 5300–5399. <see cref="Kill"/> is SIGKILL: no shutdown hooks, no flush, the way a crash is.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const int FirstPort = 5300;
    public const int LastPort = 5399;

    private static readonly Lock PortLock = new();
    private static int nextPort = FirstPort + (Environment.ProcessId % 50);

    private readonly Process process;
    private readonly StringBuilder output;

    private AppProcess(Process process, StringBuilder output, Uri baseUrl, string databasePath)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public Uri BaseUrl { get; }

    public string DatabasePath { get; }

    public int ProcessId => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until /health answers 200; returns it with how long that took.</summary>
    public static async Task<(AppProcess App, TimeSpan Ready)> StartAsync(string databasePath, TimeSpan? timeout = null)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(WebDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { WebDll(), "--db", databasePath, "--urls", baseUrl.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        var output = new StringBuilder();
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Ledger.Web.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, baseUrl, databasePath);
        await app.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        return (app, Stopwatch.GetElapsedTime(started));
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = BaseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL, then wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>src/Ledger.Web's build output for this test build's configuration.</summary>
    public static string WebDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Ledger.Web", "bin", configuration, "net10.0", "Ledger.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build Ledger.Web ({configuration}) first; expected {dll}.");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }

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

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Ledger.Web exited with {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            // Polling a condition (the port answering), not sleeping for a fixed time.
            await Task.Delay(20);
        }

        throw new TimeoutException($"Ledger.Web did not answer on {BaseUrl} within {timeout}:{Environment.NewLine}{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
