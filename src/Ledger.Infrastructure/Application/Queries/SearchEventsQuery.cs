using System.Globalization;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>
/// Statement lines that match <see cref="Text"/>: a transaction reference or transfer id (exactly, any case
/// of the text as typed or upper-cased), an exact amount (in or out), or words in the description. At most
/// <see cref="Limit"/> lines, newest first.
/// </summary>
public sealed record SearchEventsQuery(string Text, int Limit = 8) : IQuery<IReadOnlyList<EventHit>>
{
    public const int MaxLimit = 50;
}

/// <summary>A statement line found by a search, and what matched: "reference", "amount" or "description".</summary>
public sealed record EventHit(LedgerEntryView Entry, string MatchedBy);

/// <summary>
/// Bounded and indexed: references and amounts are seeks (<c>ix_account_ledger_reference</c>,
/// <c>ix_account_ledger_amount</c>). A description match cannot use an index (the words may be anywhere), so
/// it reads newest first and stops at the limit; it runs only for three or more characters.
/// </summary>
public sealed class SearchEventsQueryHandler(IDbContextFactory<LedgerDbContext> contexts) : IQueryHandler<SearchEventsQuery, IReadOnlyList<EventHit>>
{
    public async ValueTask<IReadOnlyList<EventHit>> Handle(SearchEventsQuery query, CancellationToken cancellationToken)
    {
        var text = query.Text?.Trim() ?? "";
        var limit = Math.Clamp(query.Limit, 1, SearchEventsQuery.MaxLimit);
        if (text.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.LedgerEntries.AsNoTracking();
        var hits = new List<EventHit>();
        var upper = text.ToUpperInvariant();
        var byReference = await entries.Where(l => l.Reference == text || l.Reference == upper)
            .OrderByDescending(l => l.Position).Take(limit).ToListAsync(cancellationToken);
        hits.AddRange(byReference.Select(r => new EventHit(r.ToView(), "reference")));

        if (hits.Count < limit && AmountOf(text) is { } amount)
        {
            var candidates = MinorUnitCandidates(amount);
            var byAmount = await entries.Where(l => candidates.Contains(l.AmountMinor))
                .OrderByDescending(l => l.Position).Take(limit * 4).ToListAsync(cancellationToken);
            hits.AddRange(byAmount
                .Where(r => Math.Abs(Amounts.FromMinorUnits(r.AmountMinor, r.Currency)) == amount)
                .Select(r => new EventHit(r.ToView(), "amount")));
        }

        if (hits.Count < limit && text.Length >= 3)
        {
            var sqlite = db.Database.IsSqlite();
            var pattern = SearchText.PatternFor(postgres: !sqlite, text);
            var matching = sqlite
                ? entries.Where(l => l.Description != null && EF.Functions.Glob(l.Description, pattern))
                : entries.Where(l => l.Description != null && EF.Functions.Like(l.Description, pattern, "\\"));
            var byDescription = await matching
                .OrderByDescending(l => l.Position).Take(limit).ToListAsync(cancellationToken);
            hits.AddRange(byDescription.Select(r => new EventHit(r.ToView(), "description")));
        }

        return hits
            .DistinctBy(h => (h.Entry.AccountId, h.Entry.Version))
            .OrderByDescending(h => h.Entry.Position)
            .Take(limit)
            .ToArray();
    }

    /// <summary>A positive amount typed in the invariant form ("1250", "1250.5", "1,250.50"), or null.</summary>
    private static decimal? AmountOf(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? amount
            : null;

    /// <summary>The amount in the minor units of every number of decimals a currency uses, in and out.</summary>
    private static long[] MinorUnitCandidates(decimal amount) =>
        Currency.Codes.Select(Currency.DecimalPlaces).Distinct()
            .Select(places => amount * (decimal)Math.Pow(10, places))
            .Where(minor => minor == decimal.Truncate(minor) && minor <= long.MaxValue)
            .SelectMany(minor => new[] { (long)minor, -(long)minor })
            .ToArray();
}
