using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Application.Queries;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// The content hash is a format other engines and tools must reproduce, so these tests build the
/// expected bytes by hand from the written specification rather than by calling the code under test.
/// </summary>
public sealed class EventsFingerprintTests
{
    [Fact]
    public async Task EmptyLedger_HasNoEvents_AndTheHashOfNothing()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "OFF");

        var fingerprint = await ledger.Mediator.Send(new GetEventsFingerprintQuery());

        Assert.Equal(new EventsFingerprint(0, 0, EventsFingerprint.EmptyHash), fingerprint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), fingerprint.ContentHash);
    }

    [Fact]
    public async Task Hash_FollowsTheSpecification_WithCanonicalGuidsAndUtcTicks()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "OFF");
        // Stored as SQLite text in upper case, as EF writes Guids: the hash must use lower case.
        await InsertAsync(ledger, 1, "S-1", 1, "0F8FAD5B-D9CB-469F-A165-70867728950E", "Opened", 1, """{"a":"x,y:1\n"}""", "{}", 638_000_000_000_000_001);
        await InsertAsync(ledger, 2, "S-ü", 1, "7C9E6679-7425-40DE-944B-E07FC1F90AE7", "Moved", 2, "{}", """{"actor":"ü"}""", 5);

        var fingerprint = await ledger.Mediator.Send(new GetEventsFingerprintQuery());

        var expected =
            "1:1,3:S-1,1:1,36:0f8fad5b-d9cb-469f-a165-70867728950e,6:Opened,1:1,15:{\"a\":\"x,y:1\\n\"},2:{},18:638000000000000001,\n" +
            "1:2,4:S-ü,1:1,36:7c9e6679-7425-40de-944b-e07fc1f90ae7,5:Moved,1:2,2:{},14:{\"actor\":\"ü\"},1:5,\n";
        Assert.Equal(2, fingerprint.EventCount);
        Assert.Equal(2, fingerprint.HeadPosition);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), fingerprint.ContentHash);
    }

    [Fact]
    public async Task ManyEvents_ReadInChunks_HashLikeOneReadingOfEveryRow()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "OFF");
        var total = (EventsFingerprintQueryHandler.ChunkSize * 2) + 17;
        await using (var db = await ledger.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var version = 1; version <= total; version++)
            {
                var ticks = 630_000_000_000_000_000L + version;
                var data = $"{{\"n\":{version}}}";
                var eventId = Guid.NewGuid().ToString().ToUpperInvariant();
                const string metadata = "{}";
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at)
                    VALUES ('S-big', {version}, {eventId}, 'Moved', 1, {data}, {metadata}, {ticks})
                    """);
            }

            await transaction.CommitAsync();
        }

        var fingerprint = await ledger.Mediator.Send(new GetEventsFingerprintQuery());

        Assert.Equal(total, fingerprint.EventCount);
        Assert.Equal(total, fingerprint.HeadPosition);
        Assert.Equal(await HashOfAllRowsAsync(ledger), fingerprint.ContentHash);
    }

    [Fact]
    public async Task SameCommands_InTwoLedgers_StillDiffer_BecauseEventIdsAreUnique()
    {
        // A hash that ignored event ids or times would call two independent ledgers equal.
        await using var one = await TestLedger.StartAsync(o => o.Synchronous = "OFF");
        await using var two = await TestLedger.StartAsync(o => o.Synchronous = "OFF");
        await one.Mediator.Send(new OpenAccountCommand("A", "h", "Ann", "EUR", 1m));
        await two.Mediator.Send(new OpenAccountCommand("A", "h", "Ann", "EUR", 1m));

        var first = await one.Mediator.Send(new GetEventsFingerprintQuery());
        var second = await two.Mediator.Send(new GetEventsFingerprintQuery());

        Assert.Equal(first.EventCount, second.EventCount);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal(first, await one.Mediator.Send(new GetEventsFingerprintQuery()));
    }

    private static async Task InsertAsync(TestLedger ledger, long position, string stream, long version, string eventId, string type, int schema, string data, string metadata, long ticks)
    {
        await using var db = await ledger.DbAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO events (position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at)
            VALUES ({position}, {stream}, {version}, {eventId}, {type}, {schema}, {data}, {metadata}, {ticks})
            """);
    }

    /// <summary>The specification again, over one plain SQL reading of the table.</summary>
    private static async Task<string> HashOfAllRowsAsync(TestLedger ledger)
    {
        await using var db = await ledger.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, occurred_at FROM events ORDER BY position";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                value = i == 3 ? value.ToLowerInvariant() : value;
                text.Append(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(value)}:{value},");
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
