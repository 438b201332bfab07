namespace Ledger.Infrastructure.Storage.Model;

/// <summary>Events by who sent them: the actor is inside the metadata JSON, which each engine reads its own way.</summary>
public static class EventsByActor
{
    /// <summary>
    /// Every event whose <c>metadata.actor</c> is <paramref name="actor"/> whatever its case ("alice" finds "Alice"), as
    /// every other search in the app ignores case; the whole name, never a part of it. A scan of the metadata: the event
    /// log's actor filter is an occasional audit question, not a hot path. The other filters compose on top, so their
    /// indexes (type, account, time) still choose the rows, and only those are checked for the actor.
    /// PostgreSQL's lower() folds every letter; SQLite's folds only ASCII, so there a GLOB spells out both cases of
    /// each letter (see <see cref="SearchText"/>) and "élise" finds "Élise" on either engine.
    /// </summary>
    public static IQueryable<EventRecord> EventsBy(this LedgerDbContext db, string actor) => db.Database.IsNpgsql()
        ? db.Events.FromSql($"SELECT * FROM events WHERE lower(metadata->>'actor') = lower({actor})")
        : db.Events.FromSql($"SELECT * FROM events WHERE json_extract(metadata, '$.actor') GLOB {SearchText.CaselessGlobOfAll(actor)}");
}
