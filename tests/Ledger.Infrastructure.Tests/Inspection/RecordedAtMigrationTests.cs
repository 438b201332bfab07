using Ledger.Infrastructure.Storage.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ledger.Infrastructure.Tests.Inspection;

/// <summary>A ledger made before events had a commit time migrates: its events read as recorded when they occurred, and stay append-only.</summary>
public sealed class RecordedAtMigrationTests
{
    [Fact]
    public async Task AnExistingLedger_GetsRecordedAtEqualToOccurredAt_AndItsEventsStayAppendOnly()
    {
        await using var database = await TestDatabase.NewAsync();
        var services = TestLedger.AddLedger(new ServiceCollection(), database).BuildServiceProvider();
        await using (services)
        {
            var engine = services.GetRequiredService<SqlEngine>();
            var occurred = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
            await using (var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
            {
                await engine.PrepareDatabaseAsync(db, CancellationToken.None);
                await db.GetService<IMigrator>().MigrateAsync("QuarantinedStreams");
            }

            await InsertOldStyleEventAsync(engine, occurred);
            await LedgerDatabase.InitializeAsync(services);

            await using var after = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
            var stored = await after.Events.AsNoTracking().SingleAsync();
            Assert.Equal(occurred, stored.RecordedAt);
            Assert.Equal(occurred, stored.OccurredAt);
            await Assert.ThrowsAnyAsync<Exception>(() => after.Database.ExecuteSqlRawAsync("UPDATE events SET recorded_at = occurred_at"));
            Assert.False(after.Database.HasPendingModelChanges(), "the model has changes no migration holds");
        }
    }

    /// <summary>An event row as the schema before recorded_at held it.</summary>
    private static async Task InsertOldStyleEventAsync(SqlEngine engine, DateTimeOffset occurred)
    {
        var json = engine.Provider == "postgres" ? "CAST(@data AS jsonb)" : "@data";
        var metadata = engine.Provider == "postgres" ? "CAST(@metadata AS jsonb)" : "@metadata";
        await using var connection = await engine.OpenAsync(ConnectionUse.Append, CancellationToken.None);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at) VALUES (@stream, 1, @id, 'AccountOpened', 1, {json}, {metadata}, @at)";
        foreach (var (name, value) in new (string, object)[]
        {
            ("@stream", "BankAccount-OLD"), ("@id", engine.Id(Guid.NewGuid())),
            ("@data", """{"accountId":"OLD","holderId":"h","holderName":"Old","currency":"EUR","initialDeposit":5,"occurredAt":"2024-05-06T07:08:09+00:00"}"""),
            ("@metadata", """{"correlationId":"c","causationId":"c","actor":"old"}"""), ("@at", engine.Instant(occurred)),
        })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            insert.Parameters.Add(parameter);
        }

        await insert.ExecuteNonQueryAsync();
    }
}
