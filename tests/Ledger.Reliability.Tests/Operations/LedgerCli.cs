using Ledger.Infrastructure;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Reliability.Tests.Operations;

/// <summary>Runs <c>Ledger.Web backup|restore|users ...</c> as an operator does (see <see cref="LedgerCliProcess"/>), and checks files without Ledger's code.</summary>
public static class LedgerCli
{
    public static Task<CliResult> RunAsync(params string[] args) => LedgerCliProcess.RunAsync(args);

    public static Task<CliResult> RunWithInputAsync(string? input, params string[] args) => LedgerCliProcess.RunWithInputAsync(input, args);

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
