namespace Ledger.Infrastructure.Application.Commands;

/// <summary>The account after a command: what the API returns as CommandResult.</summary>
public sealed record CommandResult(
    string AccountId,
    long Version,
    decimal Balance,
    AccountStatus Status,
    IReadOnlyList<Guid> EventIds) : CommandOutcome
{
    public override IReadOnlyList<(string AccountId, long Version)> LeftAt() => [(AccountId, Version)];
}

public sealed record TransferResult(string TransferId, CommandResult From, CommandResult To) : CommandOutcome
{
    public override IReadOnlyList<(string AccountId, long Version)> LeftAt() => [.. From.LeftAt(), .. To.LeftAt()];
}

/// <summary>An account as users see it: the API's Account object.</summary>
public sealed record AccountView(
    string AccountId,
    string HolderId,
    string HolderName,
    string Currency,
    decimal Balance,
    AccountStatus Status,
    long Version,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastUpdatedAt) : CommandOutcome
{
    public override IReadOnlyList<(string AccountId, long Version)> LeftAt() => [(AccountId, Version)];

    public static AccountView From(Account state) => new(
        state.AccountId, state.HolderId, state.HolderName, state.Currency, state.Balance,
        state.Status, state.Version, state.OpenedAt, state.LastUpdatedAt);
}
