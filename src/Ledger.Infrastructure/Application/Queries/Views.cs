using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Infrastructure.Application.Queries;

public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>An account as it was after <see cref="Version"/>; <see cref="AsOf"/> is that event's time.</summary>
public sealed record AccountStateView(string AccountId, long Version, decimal Balance, AccountStatus Status, string Currency, DateTimeOffset AsOf);

public sealed record CurrencyTotal(string Currency, decimal Balance, int Accounts);

/// <summary>An account as it was at a moment; <see cref="CurrentBalance"/> and <see cref="CurrentVersion"/> are today's, for the difference.</summary>
public sealed record BalanceAsOf(string AccountId, string HolderName, string Currency, decimal Balance, AccountStatus Status, long Version)
{
    public decimal CurrentBalance { get; init; }

    public long CurrentVersion { get; init; }
}

/// <summary>
/// One page of <see cref="Total"/> accounts as of <see cref="AsOf"/>; <see cref="Totals"/> cover every account then,
/// not only the page.
/// </summary>
public sealed record BalancesAsOfView(DateTimeOffset AsOf, IReadOnlyList<BalanceAsOf> Accounts, IReadOnlyList<CurrencyTotal> Totals)
{
    public int Total { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = GetBalancesAsOfQuery.DefaultPageSize;
}

/// <summary>One statement line: an event of an account with the balance after it.</summary>
public sealed record LedgerEntryView(
    string AccountId,
    long Version,
    long Position,
    string EventType,
    string Currency,
    decimal Amount,
    decimal BalanceAfter,
    AccountStatus StatusAfter,
    string? Description,
    string? Reference,
    string? CounterpartyAccountId,
    DateTimeOffset OccurredAt)
{
    /// <summary>When the event was committed; later than <see cref="OccurredAt"/> for a back-dated entry.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}

public sealed record EventMetadataView(string CorrelationId, string CausationId, string Actor);

/// <summary>A stored event for people and programs: payload upcast to today's shape, plus the row as stored.</summary>
public sealed record EventView(
    long Position,
    Guid EventId,
    string StreamId,
    string AccountId,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    JsonElement Data,
    EventMetadataView Metadata)
{
    /// <summary>False when this build cannot read the event: <see cref="Data"/> is then the payload exactly as stored.</summary>
    public bool Readable { get; init; } = true;

    /// <summary>When the event was committed; never decreases as <see cref="Position"/> grows.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The payload exactly as stored, before upcasting.</summary>
    [JsonIgnore]
    public string StoredData { get; init; } = "";
}

public sealed record EventsPage(IReadOnlyList<EventView> Items, long? NextFromVersion);

public sealed record EventFeedPage(IReadOnlyList<EventView> Items, long LastPosition);

public sealed record ProjectionStatusView(string Name, long Checkpoint, long LagEvents, double LagSeconds);

/// <summary>
/// The database in use: <see cref="Path"/> is the SQLite file, or <c>host:port/database</c> on PostgreSQL,
/// where <see cref="Host"/> and <see cref="Database"/> name the server and database (never a password).
/// </summary>
public sealed record DatabaseView(string Provider, string Path, long SizeBytes, string? Host = null, string? Database = null);

public sealed record LedgerStatusView(long EventCount, long HeadPosition, IReadOnlyList<ProjectionStatusView> Projections, DatabaseView Database)
{
    /// <summary>Accounts held back from the read model by an event this build cannot read (at most 1,000, oldest first).</summary>
    public IReadOnlyList<QuarantineView> Quarantined { get; init; } = [];

    /// <summary>Who applies the projections: this instance, another one, or (briefly, during an election) none.</summary>
    public ProjectionLeaderView Leader { get; init; } = ProjectionLeaderView.Alone;
}

/// <summary>
/// Whether this instance applies the projections. <see cref="Elected"/> is false where it always does (SQLite,
/// or PostgreSQL with the election switched off); then <see cref="OtherInstanceLeads"/> is null. On PostgreSQL
/// with an election, <see cref="OtherInstanceLeads"/> says whether another instance holds the leader's lock
/// (false and not <see cref="ThisInstance"/>: no instance leads at this moment, an election is due).
/// <see cref="Since"/> is when this instance last became leader or stopped being it; the lag is the largest of
/// the projections' (their rows in <see cref="LedgerStatusView.Projections"/>).
/// </summary>
public sealed record ProjectionLeaderView(bool ThisInstance, bool Elected, bool? OtherInstanceLeads, DateTimeOffset? Since, long LagEvents, double LagSeconds)
{
    public static ProjectionLeaderView Alone { get; } = new(true, false, null, null, 0, 0);
}

/// <summary>An account whose history holds an event this build cannot read, from <see cref="Position"/> on.</summary>
public sealed record QuarantineView(string StreamId, long Position, string Type, int SchemaVersion, string Reason, DateTimeOffset DetectedAt)
{
    public string AccountId => Storage.Serialization.UnreadableEvent.AccountOf(StreamId);
}

internal static class ViewMapping
{
    public static AccountView ToView(this AccountBalanceRow row) => new(
        row.AccountId, row.HolderId, row.HolderName, row.Currency,
        Amounts.FromMinorUnits(row.BalanceMinor, row.Currency),
        Enum.Parse<AccountStatus>(row.Status), row.Version, row.OpenedAt, row.LastUpdatedAt);

    public static LedgerEntryView ToView(this LedgerEntryRow row) => new(
        row.AccountId, row.Version, row.Position, row.EventType, row.Currency,
        Amounts.FromMinorUnits(row.AmountMinor, row.Currency),
        Amounts.FromMinorUnits(row.BalanceAfterMinor, row.Currency),
        Enum.Parse<AccountStatus>(row.StatusAfter), row.Description, row.Reference, row.CounterpartyAccountId, row.OccurredAt)
    {
        RecordedAt = row.RecordedAt,
    };

    public static AccountStateView ToState(this LedgerEntryRow row) => new(
        row.AccountId, row.Version, Amounts.FromMinorUnits(row.BalanceAfterMinor, row.Currency),
        Enum.Parse<AccountStatus>(row.StatusAfter), row.Currency, row.OccurredAt);

    public static EventView ToView(this EventRecord record)
    {
        var metadata = EventSerializer.DeserializeMetadata(record.Metadata);
        var data = EventSerializer.DeserializeOrPlaceholder(record.StreamId, record.EventType, record.SchemaVersion, record.Data, record.OccurredAt);
        return new EventView(
            record.Position, record.EventId, record.StreamId, data.AccountId, record.StreamVersion, record.EventType,
            record.SchemaVersion, record.OccurredAt,
            data is UnreadableEvent ? AsStored(record.Data) : JsonSerializer.SerializeToElement(data, data.GetType(), EventSerializer.Options),
            new EventMetadataView(metadata.CorrelationId, metadata.CausationId, metadata.Actor))
        {
            Readable = data is not UnreadableEvent,
            StoredData = record.Data,
            RecordedAt = record.RecordedAt,
        };
    }

    /// <summary>The stored payload as JSON when it parses, else as a JSON string: shown, never interpreted.</summary>
    private static JsonElement AsStored(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(payload);
        }
    }
}
