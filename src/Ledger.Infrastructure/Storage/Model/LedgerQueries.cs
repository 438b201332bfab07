namespace Ledger.Infrastructure.Storage.Model;

/// <summary>Reads several parts of the code need, written once.</summary>
public static class LedgerQueries
{
    /// <summary>
    /// The highest position, 0 on an empty store. Positions are assigned without gaps and never deleted,
    /// so this is also the number of events: no scan needed to count them.
    /// </summary>
    public static async Task<long> HeadPositionAsync(this LedgerDbContext db, CancellationToken cancellationToken) =>
        await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;

    /// <summary>The position of the last of these events (an account's stream at a version), or null if none is stored.</summary>
    public static async Task<long?> PositionOfAsync(this LedgerDbContext db, IReadOnlyList<(string AccountId, long Version)> events, CancellationToken cancellationToken)
    {
        long? last = null;
        foreach (var (accountId, version) in events)
        {
            var streamId = Account.StreamId(accountId);
            var position = await db.Events.Where(e => e.StreamId == streamId && e.StreamVersion == version)
                .Select(e => (long?)e.Position).SingleOrDefaultAsync(cancellationToken);
            if (position is { } found && (last is null || found > last))
            {
                last = found;
            }
        }

        return last;
    }
}
