namespace Ledger.Infrastructure.Storage.Model;

/// <summary>Events by who sent them: the actor is inside the metadata JSON, which each engine reads its own way.</summary>
public static class EventsByActor
{
    /// <summary>
    /// Every event whose <c>metadata.actor</c> is <paramref name="actor"/> exactly, to compose further filters on. A scan
    /// of the metadata: the event log's actor filter is an occasional audit question, not a hot path.
    /// </summary>
    public static IQueryable<EventRecord> EventsBy(this LedgerDbContext db, string actor) => db.Database.IsNpgsql()
        ? db.Events.FromSql($"SELECT * FROM events WHERE metadata->>'actor' = {actor}")
        : db.Events.FromSql($"SELECT * FROM events WHERE json_extract(metadata, '$.actor') = {actor}");
}
