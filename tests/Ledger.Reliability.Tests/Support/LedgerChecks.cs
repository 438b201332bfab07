using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using Ledger.Infrastructure.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Invariants read straight from a database file with plain SQL, independent of the code under test:
/// usable by a test that drives the mediator and by one that drives a killed and restarted process.
/// </summary>
public static class LedgerChecks
{
    /// <summary>Read-write without create (a read-only handle cannot open a WAL file whose -shm is gone), used only to read.</summary>
    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static string IntegrityCheck(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Every stream has versions 1..n without a gap or a repeat; positions are 1..count.</summary>
    public static void AssertContiguous(string databasePath, string context = "")
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT stream_id, COUNT(*), COUNT(DISTINCT stream_version), MIN(stream_version), MAX(stream_version)
            FROM events GROUP BY stream_id
            """;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (stream, count, distinct, min, max) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                Assert.True(count == distinct && min == 1 && max == count,
                    $"{context}stream {stream}: {count} events, {distinct} distinct versions, from {min} to {max}");
            }
        }

        command.CommandText = "SELECT COUNT(*), COALESCE(MIN(position), 1), COALESCE(MAX(position), 0) FROM events";
        using var totals = command.ExecuteReader();
        totals.Read();
        Assert.True(totals.GetInt64(0) == totals.GetInt64(2) && totals.GetInt64(1) == 1,
            $"{context}positions: {totals.GetInt64(0)} events span {totals.GetInt64(1)}..{totals.GetInt64(2)}");
    }

    /// <summary>Every TransferInitiated has exactly one TransferReceived of the same transfer, amount and command, and vice versa.</summary>
    public static void AssertTransfersHaveBothLegs(string databasePath, string context = "")
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT event_type, json_extract(data, '$.transferId'), json_extract(data, '$.amount'), json_extract(metadata, '$.causationId'), data
            FROM events WHERE event_type IN ('TransferInitiated', 'TransferReceived')
            """;
        var legs = new Dictionary<string, (int Out, int In, string? OutKey, string? InKey)>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var transferId = reader.GetString(1);
            var key = Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture) + "|" + reader.GetString(3);
            var current = legs.GetValueOrDefault(transferId);
            legs[transferId] = reader.GetString(0) == "TransferInitiated"
                ? current with { Out = current.Out + 1, OutKey = key }
                : current with { In = current.In + 1, InKey = key };
        }

        foreach (var (transferId, leg) in legs)
        {
            Assert.True(leg.Out == 1 && leg.In == 1 && leg.OutKey == leg.InKey,
                $"{context}transfer {transferId}: {leg.Out} source legs, {leg.In} destination legs ({leg.OutKey} / {leg.InKey})");
        }
    }

    /// <summary>
    /// The read model equals a fresh replay of every event, folded here with the domain's pure Evolve:
    /// balances, versions, statuses and times in <c>account_balances</c>; every row of <c>account_ledger</c>.
    /// </summary>
    public static void AssertReadModelEqualsReplay(string databasePath, string context = "")
    {
        var replay = Replay(databasePath);
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, balance_minor, version, status, last_updated_at, currency FROM account_balances";
        var seen = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                seen++;
                var id = reader.GetString(0);
                Assert.True(replay.Accounts.TryGetValue(id, out var state), $"{context}account_balances has {id}, which no event opened");
                var row = (reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5));
                var expected = (Amounts.ToMinorUnits(state.Balance, state.Currency), state.Version, state.Status.ToString(), state.LastUpdatedAt.UtcTicks, state.Currency);
                Assert.True(expected == row, $"{context}account {id}: read model {row}, replay {expected}");
            }
        }

        Assert.True(replay.Accounts.Count == seen, $"{context}replay has {replay.Accounts.Count} accounts, account_balances {seen}");

        command.CommandText = "SELECT account_id, version, balance_after_minor, status_after, position FROM account_ledger ORDER BY account_id, version";
        var rows = new List<(string, long, long, string, long)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4)));
            }
        }

        var expectedRows = replay.Ledger.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2).ToList();
        Assert.True(expectedRows.Count == rows.Count, $"{context}account_ledger has {rows.Count} rows, replay {expectedRows.Count}");
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(expectedRows[i] == rows[i], $"{context}account_ledger row {rows[i]}, replay {expectedRows[i]}");
        }
    }

    public static ReplayResult Replay(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, schema_version, data, position FROM events ORDER BY position";
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        var ledger = new List<(string, long, long, string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var e = EventSerializer.Deserialize(reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
            var next = Account.Evolve(accounts.GetValueOrDefault(e.AccountId), e);
            accounts[e.AccountId] = next;
            ledger.Add((next.AccountId, next.Version, Amounts.ToMinorUnits(next.Balance, next.Currency), next.Status.ToString(), reader.GetInt64(3)));
        }

        return new ReplayResult(accounts, ledger);
    }

    /// <summary>
    /// A hash of every column of every read-model row, in key order, plus each projection's checkpoint
    /// position (not the time it was written, which is bookkeeping).
    /// </summary>
    public static string ReadModelHash(string databasePath)
    {
        using var connection = Open(databasePath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sql in new[]
        {
            "SELECT * FROM account_balances ORDER BY account_id",
            "SELECT * FROM account_ledger ORDER BY account_id, version",
            "SELECT name, position FROM projection_checkpoints ORDER BY name",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
                }

                hash.AppendData(Encoding.UTF8.GetBytes(row.Append('\u001e').ToString()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static long Scalar(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public sealed record ReplayResult(IReadOnlyDictionary<string, Account> Accounts, IReadOnlyList<(string, long, long, string, long)> Ledger);
}
