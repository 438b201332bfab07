using Npgsql;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// M7's raw insert on PostgreSQL: the rows a rebuild produced, into a fresh database with Ledger's schema
/// on the same server, one INSERT per row as the rebuild writes them, sent in batches of 512 (a round
/// trip per row would measure the network, not the inserts), in one transaction, synchronous_commit=off.
/// </summary>
public static class M7PostgresInsert
{
    private const int BatchSize = 512;

    public static async Task<TimeSpan> InsertAsync(List<object?[]> ledgerRows, List<object?[]> balanceRows)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("bench_m7_insert");
        await using (await TestLedger.StartAsync(database: database.Borrow()))
        {
            // Migrated: the same tables and indexes as the rebuilt read model.
        }

        await using var connection = await RawPostgres.OpenAsync(database.ConnectionString, "off");
        var t0 = Stopwatch.GetTimestamp();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertRowsAsync(connection, transaction, "account_ledger", M7Rebuild.LedgerColumns, ledgerRows);
            await InsertRowsAsync(connection, transaction, "account_balances", M7Rebuild.BalanceColumns, balanceRows);
            await transaction.CommitAsync();
        }

        var elapsed = Stopwatch.GetElapsedTime(t0);
        await connection.CloseAsync();
        NpgsqlConnection.ClearAllPools();
        return elapsed;
    }

    private static async Task InsertRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string columns, List<object?[]> rows)
    {
        var names = columns.Split(", ").Select(c => "@" + c).ToArray();
        var sql = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", names)})";
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var row in rows.Skip(start).Take(BatchSize))
            {
                var command = new NpgsqlBatchCommand(sql);
                for (var i = 0; i < row.Length; i++)
                {
                    command.Parameters.Add(new NpgsqlParameter(names[i], row[i] ?? DBNull.Value));
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
        }
    }
}
