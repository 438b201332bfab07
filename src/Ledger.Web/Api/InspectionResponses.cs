using Ledger.Domain.Accounts;

namespace Ledger.Web.Api;

// The shapes of shared/API.md "Additions": the views trimmed to the contract.

/// <summary>An account's statement; opening + Σ amount = closing.</summary>
public sealed record StatementResponse(
    string AccountId, string Currency, DateTimeOffset From, DateTimeOffset To,
    decimal OpeningBalance, decimal ClosingBalance, decimal TotalIn, decimal TotalOut, IReadOnlyList<StatementLineResponse> Lines)
{
    internal static StatementResponse Of(StatementView view) => new(
        view.AccountId, view.Currency, view.From, view.To, view.OpeningBalance, view.ClosingBalance, view.TotalIn, view.TotalOut,
        view.Lines.Select(l => new StatementLineResponse(l.Position, l.Version, l.OccurredAt, l.EventType, l.Amount, l.BalanceAfter, l.Reference, l.Description, l.CounterpartyAccountId)).ToArray());
}

/// <summary>One statement line; <see cref="Amount"/> is signed (money out is negative).</summary>
public sealed record StatementLineResponse(
    long Position, long Version, DateTimeOffset OccurredAt, string Type, decimal Amount, decimal BalanceAfter, string? Reference, string? Description, string? Counterparty);

/// <summary>
/// Why a balance is what it is: the snapshot (or none) and the events after it, replayed. <see cref="Events"/> are
/// the last ones replayed (at most Ledger:ExplainMaxSteps); <see cref="OmittedEvents"/> earlier ones were replayed too.
/// </summary>
public sealed record ExplainResponse(
    string AccountId, long Version, decimal Balance, long? SnapshotVersion, IReadOnlyList<EventView> Events, decimal? ReplayedBalance, bool Matches, long OmittedEvents)
{
    internal static ExplainResponse From(BalanceExplanation view) =>
        new(view.AccountId, view.Version, view.Balance, view.SnapshotVersion, view.Events, view.ReplayedBalance, view.Matches, view.OmittedSteps);
}

/// <summary>Two moments compared; the rows add up to the totals.</summary>
public sealed record CompareResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AccountCompareResponse> Accounts, IReadOnlyList<CurrencyCompareResponse> Totals)
{
    internal static CompareResponse Of(ComparisonView view) => new(
        view.From,
        view.To,
        view.Accounts.Select(a => new AccountCompareResponse(a.AccountId, a.Currency, a.BalanceFrom, a.BalanceTo, a.Difference, a.StatusFrom, a.StatusTo, a.EventsBetween)).ToArray(),
        view.Totals.Select(t => new CurrencyCompareResponse(t.Currency, t.From, t.To, t.Difference)).ToArray());
}

/// <summary>One account at both moments; the "from" side is null for an account opened in between.</summary>
public sealed record AccountCompareResponse(
    string AccountId, string Currency, decimal? BalanceFrom, decimal? BalanceTo, decimal Difference, AccountStatus? StatusFrom, AccountStatus? StatusTo, long EventsBetween);

public sealed record CurrencyCompareResponse(string Currency, decimal From, decimal To, decimal Difference);
