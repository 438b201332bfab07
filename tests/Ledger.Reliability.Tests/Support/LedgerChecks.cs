using System.Data.Common;
using System.Security.Cryptography;
using Ledger.Domain.Accounts;
using Ledger.Domain.Money;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Invariants read straight from a database with plain SQL over the engine's own ADO.NET provider,
/// independent of the code under test: usable by a test that drives the mediator and by one that
/// drives a killed and restarted process. The SQL is what both engines speak; JSON is read here, and
/// rows are put in order here, so neither an engine's JSON functions nor its collation decide a check.
/// </summary>
public static class LedgerChecks
{
    /// <summary>SQLite's own verdict on the file ("ok" when intact).</summary>
    public static string IntegrityCheck(SqliteTestDatabase database)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Every stream has versions 1..n without a gap or a repeat; positions are 1..count.</summary>
    public static void AssertContiguous(TestDatabase database, string context = "")
    {
        using var connection = database.OpenConnection();
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
    public static void AssertTransfersHaveBothLegs(TestDatabase database, string context = "")
    {
        var legs = new Dictionary<string, (int Out, int In, string? OutKey, string? InKey)>(StringComparer.Ordinal);
        foreach (var row in Rows(database, "SELECT event_type, data, metadata FROM events WHERE event_type IN ('TransferInitiated', 'TransferReceived')"))
        {
            using var data = JsonDocument.Parse((string)row[1]);
            var transferId = data.RootElement.GetProperty("transferId").GetString()!;
            var key = data.RootElement.GetProperty("amount").GetDecimal().ToString(CultureInfo.InvariantCulture) + "|" + CausationId((string)row[2]);
            var current = legs.GetValueOrDefault(transferId);
            legs[transferId] = (string)row[0] == "TransferInitiated"
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
    public static void AssertReadModelEqualsReplay(TestDatabase database, string context = "")
    {
        var replay = Replay(database);
        var seen = 0;
        foreach (var row in Rows(database, "SELECT account_id, balance_minor, version, status, last_updated_at, currency FROM account_balances"))
        {
            seen++;
            var id = (string)row[0];
            Assert.True(replay.Accounts.TryGetValue(id, out var state), $"{context}account_balances has {id}, which no event opened");
            var actual = (Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[2], CultureInfo.InvariantCulture), (string)row[3], Instant(row[4]).UtcTicks, (string)row[5]);
            var expected = (Amounts.ToMinorUnits(state.Balance, state.Currency), state.Version, state.Status.ToString(), state.LastUpdatedAt.UtcTicks, state.Currency);
            Assert.True(expected == actual, $"{context}account {id}: read model {actual}, replay {expected}");
        }

        Assert.True(replay.Accounts.Count == seen, $"{context}replay has {replay.Accounts.Count} accounts, account_balances {seen}");

        var rows = Rows(database, "SELECT account_id, version, balance_after_minor, status_after, position FROM account_ledger")
            .Select(r => ((string)r[0], Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Convert.ToInt64(r[2], CultureInfo.InvariantCulture), (string)r[3], Convert.ToInt64(r[4], CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2)
            .ToList();
        var expectedRows = replay.Ledger.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2).ToList();
        Assert.True(expectedRows.Count == rows.Count, $"{context}account_ledger has {rows.Count} rows, replay {expectedRows.Count}");
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(expectedRows[i] == rows[i], $"{context}account_ledger row {rows[i]}, replay {expectedRows[i]}");
        }
    }

    public static ReplayResult Replay(TestDatabase database)
    {
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        var ledger = new List<(string, long, long, string, long)>();
        foreach (var row in Rows(database, "SELECT event_type, schema_version, data, position FROM events ORDER BY position"))
        {
            var e = EventSerializer.Deserialize((string)row[0], Convert.ToInt32(row[1], CultureInfo.InvariantCulture), (string)row[2]);
            var next = Account.Evolve(accounts.GetValueOrDefault(e.AccountId), e);
            accounts[e.AccountId] = next;
            ledger.Add((next.AccountId, next.Version, Amounts.ToMinorUnits(next.Balance, next.Currency), next.Status.ToString(), Convert.ToInt64(row[3], CultureInfo.InvariantCulture)));
        }

        return new ReplayResult(accounts, ledger);
    }

    /// <summary>
    /// A hash of every column of every read-model row, plus each projection's checkpoint position (not the
    /// time it was written, which is bookkeeping). Rows are hashed in the order of their text, so the
    /// engine's row order and collation do not matter. Comparable between databases of one engine.
    /// </summary>
    public static string ReadModelHash(TestDatabase database)
    {
        using var connection = database.OpenConnection();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sql in new[]
        {
            "SELECT * FROM account_balances",
            "SELECT * FROM account_ledger",
            "SELECT name, position FROM projection_checkpoints",
        })
        {
            var rows = new List<string>();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append('\u001f');
                }

                rows.Add(row.Append('\u001e').ToString());
            }

            foreach (var row in rows.Order(StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row));
            }

            hash.AppendData("\u001d"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>How many events each command (its causation id: the command id or Idempotency-Key) wrote, and of which types.</summary>
    public static Dictionary<string, List<string>> EventsByCommand(TestDatabase database)
    {
        var effects = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in Rows(database, "SELECT metadata, event_type FROM events"))
        {
            var id = CausationId((string)row[0]);
            if (!effects.TryGetValue(id, out var list))
            {
                effects[id] = list = [];
            }

            list.Add((string)row[1]);
        }

        return effects;
    }

    public static long Scalar(TestDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement (or several) on its own connection: a test that breaks a database on purpose.</summary>
    public static void Execute(TestDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query, its values as the provider reads them.</summary>
    public static List<object[]> Rows(TestDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        return Rows(connection, sql);
    }

    public static List<object[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>An instant as either engine stores it: UTC ticks on SQLite, <c>timestamptz</c> on PostgreSQL.</summary>
    public static DateTimeOffset Instant(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant,
        _ => throw new InvalidCastException($"Not an instant: {value.GetType().Name} {value}"),
    };

    public static string CausationId(string metadata)
    {
        using var json = JsonDocument.Parse(metadata);
        return json.RootElement.GetProperty("causationId").GetString()!;
    }

    /// <summary>A value as text for the hash: exact for instants (the invariant culture would drop their fractions).</summary>
    private static string Text(object value) => value switch
    {
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public sealed record ReplayResult(IReadOnlyDictionary<string, Account> Accounts, IReadOnlyList<(string, long, long, string, long)> Ledger);
}
