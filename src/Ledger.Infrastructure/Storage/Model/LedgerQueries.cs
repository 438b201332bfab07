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
}
