using Ledger.Infrastructure.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Benchmarks.Harness;

/// <summary>The pragmas a connection of the product actually runs with (read back, not assumed).</summary>
public static class Pragmas
{
    private static readonly string[] Names = ["journal_mode", "synchronous", "busy_timeout", "foreign_keys", "page_size", "cache_size", "wal_autocheckpoint", "temp_store", "mmap_size", "locking_mode"];

    public static async Task<IReadOnlyList<(string Name, string Value)>> ReadAsync(string path)
    {
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "FULL", SqliteTestDatabase.At(path));
        await using var db = await ledger.DbAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var values = new List<(string, string)>();
        foreach (var name in Names)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            var value = Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            values.Add((name, name == "synchronous" ? value switch { "0" => "OFF (0)", "1" => "NORMAL (1)", "2" => "FULL (2)", "3" => "EXTRA (3)", _ => value } : value));
        }

        await db.Database.CloseConnectionAsync();

        // Short reads come from a read-only pool of their own, which maps the file; writers never do.
        await using var reader = await ledger.Get<SqlEngine>().OpenAsync(ConnectionUse.Read, CancellationToken.None);
        await using var mapped = reader.CreateCommand();
        mapped.CommandText = "PRAGMA mmap_size";
        values.Add(("mmap_size (short reads)", Convert.ToString(await mapped.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return values;
    }
}
