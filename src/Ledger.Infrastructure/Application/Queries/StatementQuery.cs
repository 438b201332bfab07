using System.Globalization;
using Ledger.Domain;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// An account's statement for a period: the balance before <see cref="From"/> (inclusive start; the beginning
/// when null), every event that occurred from then to <see cref="To"/> (inclusive; now when null) with the
/// balance after it, and the balance at the end. Only events recorded at or before <see cref="KnownAt"/> count.
/// Null when the account does not exist. A period of more than <see cref="LedgerOptions.StatementMaxLines"/> lines
/// is refused with <see cref="TooLongCode"/>, naming how many it holds.
/// </summary>
public sealed record GetStatementQuery(string AccountId, DateTimeOffset? From = null, DateTimeOffset? To = null, DateTimeOffset? KnownAt = null)
    : IQuery<StatementView?>
{
    /// <summary>The stable code (422 over HTTP) of a period with more lines than one statement holds.</summary>
    public const string TooLongCode = "statement_too_long";
}

/// <summary>
/// A statement. Opening plus the lines' amounts is the closing balance, always; <see cref="TotalIn"/> is the
/// sum of the positive amounts and <see cref="TotalOut"/> of the negative ones as a positive figure, so
/// opening + in − out = closing.
/// </summary>
public sealed record StatementView(
    string AccountId,
    string HolderName,
    string Currency,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset? KnownAt,
    decimal OpeningBalance,
    decimal ClosingBalance,
    decimal TotalIn,
    decimal TotalOut,
    IReadOnlyList<LedgerEntryView> Lines);

/// <summary>
/// Reads <c>account_ledger</c>. Within an account both event time and commit time grow with the version, so
/// the lines are one version range and the balance after the last one before the period is the opening.
/// </summary>
public sealed class StatementQueryHandler(IDbContextFactory<LedgerDbContext> contexts, TimeProvider time, IOptions<LedgerOptions> options)
    : IQueryHandler<GetStatementQuery, StatementView?>
{
    /// <summary>The earliest instant both engines store, for a statement from the beginning.</summary>
    public static readonly DateTimeOffset Beginning = new(1, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public async ValueTask<StatementView?> Handle(GetStatementQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.AccountBalances.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == query.AccountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var from = query.From ?? Beginning;
        var to = query.To ?? LedgerClock.CommitTime(time);
        var known = KnownAt.OrEverything(query.KnownAt);
        var entries = db.LedgerEntries.AsNoTracking().Where(l => l.AccountId == query.AccountId && l.RecordedAt <= known);
        var before = await entries.Where(l => l.OccurredAt < from)
            .OrderByDescending(l => l.OccurredAt).ThenByDescending(l => l.Version)
            .Select(l => (long?)l.BalanceAfterMinor).FirstOrDefaultAsync(cancellationToken);
        var period = entries.Where(l => l.OccurredAt >= from && l.OccurredAt <= to);
        // Counted first (one indexed range), so an oversized period is refused without reading its rows.
        var count = await period.CountAsync(cancellationToken);
        var max = options.Value.StatementMaxLines;
        if (count > max)
        {
            throw new DomainException(
                GetStatementQuery.TooLongCode,
                $"This period holds {count.ToString("N0", CultureInfo.InvariantCulture)} lines; a statement shows at most {max.ToString("N0", CultureInfo.InvariantCulture)}. Choose a shorter period.",
                "from");
        }

        var rows = await period.OrderBy(l => l.Version).ToListAsync(cancellationToken);
        var lines = rows.Select(r => r.ToView()).ToArray();
        var opening = Amounts.FromMinorUnits(before ?? 0, account.Currency);
        return new StatementView(
            account.AccountId, account.HolderName, account.Currency, from, to, query.KnownAt,
            opening,
            lines.Length > 0 ? lines[^1].BalanceAfter : opening,
            lines.Where(l => l.Amount > 0).Sum(l => l.Amount),
            -lines.Where(l => l.Amount < 0).Sum(l => l.Amount),
            lines);
    }
}

/// <summary>An account's statement lines from version <see cref="FromVersion"/> to <see cref="ToVersion"/> (at most 1,000), in order.</summary>
public sealed record GetStatementLinesQuery(string AccountId, long FromVersion, long ToVersion) : IQuery<IReadOnlyList<LedgerEntryView>>
{
    public const int MaxLines = 1000;
}

public sealed class StatementLinesQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<GetStatementLinesQuery, IReadOnlyList<LedgerEntryView>>
{
    public async ValueTask<IReadOnlyList<LedgerEntryView>> Handle(GetStatementLinesQuery query, CancellationToken cancellationToken)
    {
        var to = Math.Min(query.ToVersion, query.FromVersion + GetStatementLinesQuery.MaxLines - 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.LedgerEntries.AsNoTracking()
            .Where(l => l.AccountId == query.AccountId && l.Version >= query.FromVersion && l.Version <= to)
            .OrderBy(l => l.Version).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToView()).ToArray();
    }
}
