using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>
/// The content hash is a format other engines and tools must reproduce, so these tests build the
/// expected bytes by hand from the written specification rather than by calling the code under test.
/// </summary>
public sealed class EventsFingerprintTests() : LedgerTestBase(o => o.Synchronous = "OFF")
{
    [Fact]
    public async Task EmptyLedger_HasNoEvents_AndTheHashOfNothing()
    {

        var fingerprint = await Ledger.Mediator.Send(new GetEventsFingerprintQuery());

        Assert.Equal(new EventsFingerprint(0, 0, EventsFingerprint.EmptyHash), fingerprint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), fingerprint.ContentHash);
    }

    [Fact]
    public async Task Hash_FollowsTheSpecification_WithCanonicalGuidsJsonAndMicroseconds()
    {
        // Ids in lower case whatever the engine stores (SQLite: upper-case text); JSON with keys in order and
        // no spaces whatever the engine keeps; the time in whole microseconds whatever finer part it had.
        await InsertAsync(Ledger, "S-1", "0F8FAD5B-D9CB-469F-A165-70867728950E", "Opened", 1, """{ "b": 2.50, "a":"x,y:1\n" }""", "{}", 638_000_000_000_000_017);
        await InsertAsync(Ledger, "S-ü", "7C9E6679-7425-40DE-944B-E07FC1F90AE7", "Moved", 2, "{}", """{"actor":"ü"}""", 638_000_000_000_000_005);

        var fingerprint = await Ledger.Mediator.Send(new GetEventsFingerprintQuery());

        var expected =
            "1:1,3:S-1,1:1,36:0f8fad5b-d9cb-469f-a165-70867728950e,6:Opened,1:1,24:{\"a\":\"x,y:1\\n\",\"b\":2.50},2:{},17:63800000000000001,\n" +
            "1:2,4:S-ü,1:1,36:7c9e6679-7425-40de-944b-e07fc1f90ae7,5:Moved,1:2,2:{},14:{\"actor\":\"ü\"},17:63800000000000000,\n";
        Assert.Equal(2, fingerprint.EventCount);
        Assert.Equal(2, fingerprint.HeadPosition);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), fingerprint.ContentHash);
    }

    [Fact]
    public async Task ManyEvents_ReadInChunks_HashLikeOneReadingOfEveryRow()
    {
        var total = (EventsFingerprintQueryHandler.ChunkSize * 2) + 17;
        var expected = new StringBuilder();
        for (var version = 1; version <= total; version++)
        {
            var micros = 63_000_000_000_000_000L + version;
            var eventId = Guid.NewGuid();
            await RawEvents.InsertRowAsync(Ledger.Services, "S-big", version, eventId, "Moved", 1, $"{{\"n\":{version}}}", "{}", new DateTimeOffset(micros * 10, TimeSpan.Zero));
            foreach (var field in new[] { $"{version}", "S-big", $"{version}", eventId.ToString("D"), "Moved", "1", $"{{\"n\":{version}}}", "{}", $"{micros}" })
            {
                expected.Append(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(field)}:{field},");
            }

            expected.Append('\n');
        }

        var fingerprint = await Ledger.Mediator.Send(new GetEventsFingerprintQuery());

        Assert.Equal(total, fingerprint.EventCount);
        Assert.Equal(total, fingerprint.HeadPosition);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected.ToString()))), fingerprint.ContentHash);
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

    private static Task InsertAsync(TestLedger ledger, string stream, string eventId, string type, int schema, string data, string metadata, long ticks) =>
        RawEvents.InsertRowAsync(ledger.Services, stream, 1, Guid.Parse(eventId), type, schema, data, metadata, new DateTimeOffset(ticks, TimeSpan.Zero));
}
