using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// The event count, head position and a content hash of every stored event, so two copies of a ledger
/// (a backup and its source, a restored file, a SQLite ledger and its PostgreSQL copy) can be shown to
/// hold exactly the same events. Only events up to the head seen at the start are read.
/// </summary>
public sealed record GetEventsFingerprintQuery : IQuery<EventsFingerprint>;

/// <summary>
/// <see cref="ContentHash"/> is SHA-256, lower-case hex, over the events in position order. Each event
/// contributes nine fields, each written as <c>&lt;UTF-8 byte length&gt;:&lt;bytes&gt;,</c> (a netstring,
/// so no field's content can be mistaken for a separator), then a newline: position, stream id, stream
/// version, event id (lower-case "D" Guid), event type, schema version, data and metadata (each in
/// <see cref="CanonicalJson"/> form) and occurred-at as whole UTC microseconds since 0001-01-01; numbers
/// in invariant decimal. It depends only on what every engine keeps: PostgreSQL's jsonb rewrites the JSON
/// text (hence the canonical form) and keeps instants to the microsecond (hence microseconds).
/// </summary>
public sealed record EventsFingerprint(long EventCount, long HeadPosition, string ContentHash)
{
    /// <summary>The hash of a ledger with no events: SHA-256 of nothing.</summary>
    public const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

public sealed class EventsFingerprintQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetEventsFingerprintQuery, EventsFingerprint>
{
    /// <summary>Rows per read: bounded memory on any size of ledger, few round trips.</summary>
    public const int ChunkSize = 2_000;

    public async ValueTask<EventsFingerprint> Handle(GetEventsFingerprintQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Events are append-only, so everything up to the head seen now stays as it is while we read,
        // even if writers go on appending behind it.
        var head = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new FieldWriter(hash);
        long count = 0;
        long last = 0;
        while (last < head)
        {
            var after = last;
            var chunk = await db.Events.AsNoTracking()
                .Where(e => e.Position > after && e.Position <= head)
                .OrderBy(e => e.Position)
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var e in chunk)
            {
                writer.Event(e);
            }

            count += chunk.Count;
            last = chunk[^1].Position;
        }

        return new EventsFingerprint(count, last, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private sealed class FieldWriter(IncrementalHash hash)
    {
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private byte[] buffer = new byte[4096];

        public void Event(EventRecord e)
        {
            Field(e.Position.ToString(CultureInfo.InvariantCulture));
            Field(e.StreamId);
            Field(e.StreamVersion.ToString(CultureInfo.InvariantCulture));
            Field(e.EventId.ToString("D"));
            Field(e.EventType);
            Field(e.SchemaVersion.ToString(CultureInfo.InvariantCulture));
            Field(CanonicalJson.Of(e.Data));
            Field(CanonicalJson.Of(e.Metadata));
            Field((e.OccurredAt.UtcTicks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture));
            hash.AppendData(NewLine);
        }

        private void Field(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            var prefix = length.ToString(CultureInfo.InvariantCulture) + ":";
            var needed = prefix.Length + length + 1;
            if (buffer.Length < needed)
            {
                buffer = new byte[Math.Max(needed, buffer.Length * 2)];
            }

            var written = Encoding.ASCII.GetBytes(prefix, buffer);
            written += Encoding.UTF8.GetBytes(value, buffer.AsSpan(written));
            buffer[written++] = (byte)',';
            hash.AppendData(buffer, 0, written);
        }
    }
}
