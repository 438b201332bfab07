using System.Text.Json.Serialization;
using Ledger.Domain.Accounts;

namespace Ledger.Web.Api;

// Most answers are the queries' own views, which already have the contract's shape. These few are
// trimmed to the contract: fields the UI needs (holder names, account counts, the database path)
// stay out of the API.

/// <summary>One page of accounts; <see cref="Totals"/> cover all <see cref="Total"/> accounts, not just the page.</summary>
public sealed record BalancesResponse(
    DateTimeOffset AsOf,
    IReadOnlyList<AccountBalanceResponse> Accounts,
    IReadOnlyList<CurrencyTotalResponse> Totals,
    int Total,
    int Page,
    int PageSize)
{
    internal static BalancesResponse From(BalancesAsOfView view) => new(
        view.AsOf,
        view.Accounts.Select(a => new AccountBalanceResponse(a.AccountId, a.Currency, a.Balance, a.Status, a.Version)).ToArray(),
        view.Totals.Select(t => new CurrencyTotalResponse(t.Currency, t.Balance)).ToArray(),
        view.Total,
        view.Page,
        view.PageSize);
}

public sealed record AccountBalanceResponse(string AccountId, string Currency, decimal Balance, AccountStatus Status, long Version);

public sealed record CurrencyTotalResponse(string Currency, decimal Balance);

/// <summary><c>GET /api/status</c>; <see cref="ProjectionLeader"/> says whether this instance applies the projections (see <see cref="ProjectionLeaderView"/>).</summary>
public sealed record StatusResponse(
    long EventCount, long HeadPosition, IReadOnlyList<ProjectionStatusView> Projections, DatabaseResponse Database, IReadOnlyList<QuarantineResponse> Quarantined,
    ProjectionLeaderView ProjectionLeader)
{
    internal static StatusResponse From(LedgerStatusView view) =>
        new(view.EventCount, view.HeadPosition, view.Projections,
            new DatabaseResponse(view.Database.Provider) { Host = view.Database.Host, Database = view.Database.Database },
            view.Quarantined.Select(q => new QuarantineResponse(q.StreamId, q.AccountId, q.Position, q.Type, q.SchemaVersion, q.Reason)).ToArray(),
            view.Leader);
}

/// <summary>An account held back because its history holds an event this build cannot read (shared/API.md, Additions).</summary>
public sealed record QuarantineResponse(string StreamId, string AccountId, long Position, string Type, int SchemaVersion, string Reason);

/// <summary>The engine, and on PostgreSQL the server and database (never a user or password); a SQLite file's path stays out.</summary>
public sealed record DatabaseResponse(string Provider)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Database { get; init; }
}

public sealed record HealthResponse(string Status);
