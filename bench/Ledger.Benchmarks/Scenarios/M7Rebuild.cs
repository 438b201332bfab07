using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M7: rebuilding both projections from every event, against the two halves of the job done raw:
/// a full ordered scan of the events table (every column read, no JSON), and a batched insert of the
/// very rows the rebuild produced into an empty copy of the schema.
/// </summary>
public sealed class M7Rebuild(BenchEngine engine) : Scenario(engine.Id("M7"), engine.Title("Projection rebuild"))
{
    public override async Task<Measurement> MeasureAsync(RunContext context)
    {
        var big = await BigLedger.GetAsync(context, engine);
        var total = big.Seed.TotalEvents;
        var scanRates = new List<double>();
        var rebuildRates = new List<double>();
        var insertRates = new List<double>();
        List<object?[]>? ledgerRows = null;
        List<object?[]>? balanceRows = null;

        // On PostgreSQL a rebuild and its raw insert take minutes each at full size: two reps there.
        var reps = engine.IsPostgres ? Math.Min(2, context.Sizes.M7Repetitions) : context.Sizes.M7Repetitions;
        for (var rep = 0; rep < reps; rep++)
        {
            scanRates.Add(total / (await ScanAsync(engine, big, total)).TotalSeconds);

            await using (var ledger = await big.StartLedgerAsync())
            {
                var t0 = Stopwatch.GetTimestamp();
                var result = await ledger.Mediator.Send(new RebuildProjectionsCommand());
                var elapsed = Stopwatch.GetElapsedTime(t0);
                if (result.Events != total)
                {
                    throw new InvalidOperationException($"Rebuild applied {result.Events} events; {total} are stored.");
                }

                rebuildRates.Add(total / elapsed.TotalSeconds);
            }

            big.ProjectionsBuilt = true;
            if (ledgerRows is null)
            {
                (ledgerRows, balanceRows) = await ReadModelRowsAsync(engine, big);
                if (ledgerRows.Count != total)
                {
                    throw new InvalidOperationException($"account_ledger has {ledgerRows.Count} rows after a rebuild of {total} events.");
                }
            }

            var inserted = engine.IsPostgres
                ? await M7PostgresInsert.InsertAsync(ledgerRows, balanceRows!)
                : await InsertAsync(context.DatabasePath($"m7-insert-{rep}"), ledgerRows, balanceRows!);
            insertRates.Add(total / inserted.TotalSeconds);
            RunContext.Progress($"{Id} rep {rep + 1}: rebuild {rebuildRates[^1]:N0} ev/s, raw scan {scanRates[^1]:N0} rows/s, raw insert {insertRates[^1]:N0} rows/s");
        }

        var scan = Stats.Median(scanRates);
        var insert = Stats.Median(insertRates);
        var rebuild = Stats.Median(rebuildRates);
        var slower = Math.Min(scan, insert);
        context.Shared[Id + ".scanRate"] = scan;
        var rows = new List<Row>
        {
            new(Id, engine.Prefix + $"projection rebuild from {total:N0} events (median)",
                $"{Format.Rate(rebuild, "ev")} ({(total / rebuild):N1} s)",
                $"raw scan {Format.Rate(scan, "row")}; raw insert {Format.Rate(insert, "row")}",
                Format.Ratio(rebuild / slower) + " of the slower", "≥ 0.3× the slower raw figure", Row.Check(rebuild / slower >= 0.3)),
        };
        var setup = $"{reps} reps; {total:N0} events in {big.Seed.Accounts.Count:N0} accounts; rebuild through the mediator "
            + "(RebuildProjectionsCommand: both projections, one transaction); raw insert = the rebuilt account_ledger and account_balances rows "
            + (engine.IsPostgres
                ? "into a fresh database with the same schema on the same server, one INSERT per row sent in batches of 512, one transaction, synchronous_commit=off as the projections use."
                : "into a fresh file with the same schema, prepared statements, one transaction, synchronous=NORMAL as the projections use.");
        return new Measurement(rows, setup, engine.IsPostgres ? Readings.M7Postgres : Readings.M7);
    }

    private static async Task<TimeSpan> ScanAsync(BenchEngine engine, BigLedger big, long expected)
    {
        await using var connection = await engine.OpenRawAsync(big);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at FROM events ORDER BY position";
        if (engine.IsPostgres)
        {
            command.CommandTimeout = 0;
        }

        var t0 = Stopwatch.GetTimestamp();
        long count = 0, checksum = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // Every column read as the engine stores it: ids and instants are text and ticks on SQLite, uuid and timestamptz on PostgreSQL.
                var (id, at) = engine.IsPostgres
                    ? (reader.GetGuid(3).GetHashCode(), reader.GetFieldValue<DateTimeOffset>(8).UtcTicks)
                    : (reader.GetString(3).Length, reader.GetInt64(8));
                checksum += reader.GetInt64(0) + reader.GetString(1).Length + reader.GetInt64(2) + id
                    + reader.GetString(4).Length + reader.GetInt32(5) + reader.GetString(6).Length + reader.GetString(7).Length + at;
                count++;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(t0);
        return count == expected && checksum != 0 ? elapsed : throw new InvalidOperationException($"Scan read {count} rows; expected {expected}.");
    }

    public const string LedgerColumns = "account_id, version, position, event_type, currency, amount_minor, balance_after_minor, status_after, description, reference, counterparty_account_id, occurred_at";

    public const string BalanceColumns = "account_id, holder_id, holder_name, currency, balance_minor, status, version, opened_at, last_updated_at, last_position";

    private static async Task<(List<object?[]> Ledger, List<object?[]> Balances)> ReadModelRowsAsync(BenchEngine engine, BigLedger big)
    {
        await using var connection = await engine.OpenRawAsync(big);
        return (await ReadAllAsync(connection, $"SELECT {LedgerColumns} FROM account_ledger ORDER BY position"),
                await ReadAllAsync(connection, $"SELECT {BalanceColumns} FROM account_balances"));
    }

    private static async Task<List<object?[]>> ReadAllAsync(System.Data.Common.DbConnection connection, string sql)
    {
        var rows = new List<object?[]>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            rows.Add(values);
        }

        return rows;
    }

    private static async Task<TimeSpan> InsertAsync(string path, List<object?[]> ledgerRows, List<object?[]> balanceRows)
    {
        await RawSqlite.CreateSchemaAsync(path);
        try
        {
            await using var connection = await RawSqlite.OpenAsync(path, "NORMAL");
            var t0 = Stopwatch.GetTimestamp();
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                await InsertRowsAsync(connection, transaction, "account_ledger", LedgerColumns, ledgerRows);
                await InsertRowsAsync(connection, transaction, "account_balances", BalanceColumns, balanceRows);
                await transaction.CommitAsync();
            }

            return Stopwatch.GetElapsedTime(t0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task InsertRowsAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string columns, List<object?[]> rows)
    {
        var names = columns.Split(", ").Select(c => "@" + c).ToArray();
        await using var insert = RawSqlite.Prepare(connection, $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", names)})", names);
        insert.Transaction = transaction;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }
    }
}
