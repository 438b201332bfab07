using Microsoft.EntityFrameworkCore;

namespace Ledger.Benchmarks.Harness;

/// <summary>
/// A bench-only switch to see what the NOTIFY triggers (migration NotifyOnCommit) cost a command on
/// PostgreSQL: with <c>LEDGER_BENCH_NOTIFY=off</c> a scenario's ledger database has them disabled, so
/// other instances would not be woken. Never for a result in docs/benchmarks.md's table.
/// </summary>
public static class NotifySwitch
{
    public static bool Off => Environment.GetEnvironmentVariable("LEDGER_BENCH_NOTIFY") == "off";

    public static async Task ApplyAsync(BenchEngine engine, TestLedger ledger)
    {
        if (!engine.IsPostgres || !Off)
        {
            return;
        }

        RunContext.Progress("LEDGER_BENCH_NOTIFY=off: the NOTIFY triggers are disabled on this scenario's database");
        await using var db = await ledger.DbAsync();
        await db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE events DISABLE TRIGGER events_notify; ALTER TABLE projection_checkpoints DISABLE TRIGGER projection_checkpoints_notify");
    }
}
