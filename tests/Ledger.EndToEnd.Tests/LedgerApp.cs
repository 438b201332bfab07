using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ledger.EndToEnd.Tests;

/// <summary>The real Ledger.Web as a child process: Kestrel on a free loopback port, a fresh temp database.</summary>
public sealed class LedgerApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;

    private LedgerApp(Process process, StringBuilder output, Uri baseUrl, string databasePath)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public Uri BaseUrl { get; }

    public string DatabasePath { get; }

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

    public static async Task<LedgerApp> StartAsync()
    {
        var repo = RepositoryRoot();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var webDirectory = Path.Combine(repo, "src", "Ledger.Web");
        var dll = Path.Combine(webDirectory, "bin", configuration, "net10.0", "Ledger.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build Ledger.Web ({configuration}) first; expected {dll}.");
        }

        var port = FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"ledger-e2e-{Guid.NewGuid():N}.db");
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--db", database, "--urls", baseUrl.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        // Development serves static web assets (MudBlazor's CSS and JS) straight from the build output.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Ledger.Web.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new LedgerApp(process, output, baseUrl, database);
        await app.WaitUntilServingAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    /// <summary>What the HTTP API's time-travel query says about an account at a moment: the reference the UI must match.</summary>
    public async Task<(long Version, decimal Balance)> StateAtAsync(string accountId, DateTimeOffset at)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var url = $"/api/accounts/{accountId}/state?at={Uri.EscapeDataString(at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
        using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(url));
        return (json.RootElement.GetProperty("version").GetInt64(), json.RootElement.GetProperty("balance").GetDecimal());
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Ledger.Web exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl);
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"Ledger.Web did not answer on {BaseUrl} within {timeout}:\n{Output}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
