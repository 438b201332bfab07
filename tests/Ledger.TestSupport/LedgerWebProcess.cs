using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ledger.TestSupport;

/// <summary>
/// The real Ledger.Web (the built dll) as a child process on loopback, with its console output captured
/// for failure messages. It never deletes the database: a suite may restart the app on the same file.
/// </summary>
public sealed class LedgerWebProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;

    private LedgerWebProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The child's process id: how a test tells which instance holds a PostgreSQL session (its application name).</summary>
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

    /// <summary>Starts the app and returns once <see cref="LedgerWebStartInfo.ReadinessPath"/> answers 200.</summary>
    public static async Task<LedgerWebProcess> StartAsync(LedgerWebStartInfo info)
    {
        var dll = LedgerWebBuild.Dll();
        var baseUrl = new Uri($"http://127.0.0.1:{info.Port ?? AnyFreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll }.Concat(info.Database.CommandLine).Concat(info.Arguments).Concat(["--urls", baseUrl.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = info.Environment;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in info.ExtraEnvironment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Ledger.Web.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new LedgerWebProcess(process, output, baseUrl);
        try
        {
            await app.WaitUntilReadyAsync(info.ReadinessPath, info.StartTimeout);
        }
        catch
        {
            // An app that never became ready must not keep its port and a core for the tests after it.
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>SIGKILL, then wait until the process is gone: no shutdown hooks, no flush, the way a crash is.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Cleanup rather than a crash: kills whatever the app started along with it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(string path, TimeSpan timeout)
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
                using var response = await http.GetAsync(new Uri(BaseUrl, path));
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

    private static int AnyFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
