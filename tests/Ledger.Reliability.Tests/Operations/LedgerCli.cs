using System.Diagnostics;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Application.Queries;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Reliability.Tests.Operations;

/// <summary>What a verb of the real Ledger.Web printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The value of a <c>name: value</c> line of the output.</summary>
    public string Fact(string name) =>
        Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim()
        ?? throw new InvalidOperationException($"No '{name}:' line in:{Environment.NewLine}{Output}{Error}");

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Error}";
}

/// <summary>Runs <c>Ledger.Web backup|restore ...</c> as an operator does: its own process, no web host.</summary>
public static class LedgerCli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>The same with <paramref name="input"/> on standard input (a password for <c>users add</c>).</summary>
    public static async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LedgerWebBuild.Dll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("LEDGER_DB");
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>What <see cref="GetEventsFingerprintQuery"/> says about a ledger file, asked in this process.</summary>
    public static async Task<EventsFingerprint> FingerprintAsync(string path)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLedger(o => o.DatabasePath = path)
            .BuildServiceProvider();
        await using (services)
        {
            return await services.GetRequiredService<IMediator>().Send(new GetEventsFingerprintQuery());
        }
    }

    /// <summary>SQLite's own verdict on a file, asked without Ledger's code.</summary>
    public static async Task<string> IntegrityAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The event ids of positions 1..<paramref name="upTo"/>, in order.</summary>
    public static async Task<List<string>> EventIdsAsync(string path, long upTo)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM events WHERE position <= $upTo ORDER BY position";
        command.Parameters.AddWithValue("$upTo", upTo);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
