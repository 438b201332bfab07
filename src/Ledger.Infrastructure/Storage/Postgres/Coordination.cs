namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// How Ledger instances on one PostgreSQL database coordinate: two session-level advisory locks (the
/// projection leader, a rebuild) and two NOTIFY channels whose payload is a position, a wake-up only.
/// Advisory locks and channels belong to a database, so ledgers in other databases never interfere.
/// See docs/architecture.md, "Several instances on one database".
/// </summary>
public static class Coordination
{
    /// <summary>Held, for as long as it leads, by the projection leader's coordination connection.</summary>
    public const long LeaderLockKey = 0x4C65_6467_6572_0002; // "Ledger" + 2

    /// <summary>Held by the one instance rebuilding the read model; another waits for it.</summary>
    public const long RebuildLockKey = 0x4C65_6467_6572_0003; // "Ledger" + 3

    /// <summary>Every commit of events notifies the highest position it committed.</summary>
    public const string EventsChannel = "ledger_events";

    /// <summary>Every checkpoint move notifies the position it moved to.</summary>
    public const string ProjectionsChannel = "ledger_projections";

    /// <summary>
    /// Triggers rather than statements in the append path: any insert notifies (the store, a copy, a script),
    /// NOTIFY is transactional (sent at commit, never for a rollback), and the append costs no extra round trip.
    /// One notification per statement for events; the checkpoint's per row, since each statement moves one.
    /// </summary>
    public const string CreateNotifyTriggers = $"""
        CREATE FUNCTION ledger_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{EventsChannel}', (SELECT MAX(position)::text FROM committed_rows));
            RETURN NULL;
        END $$;
        CREATE TRIGGER events_notify AFTER INSERT ON events REFERENCING NEW TABLE AS committed_rows
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_notify_events();
        CREATE FUNCTION ledger_notify_projections() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{ProjectionsChannel}', NEW.position::text);
            RETURN NULL;
        END $$;
        CREATE TRIGGER projection_checkpoints_notify AFTER INSERT OR UPDATE ON projection_checkpoints
            FOR EACH ROW EXECUTE FUNCTION ledger_notify_projections();
        """;

    public const string DropNotifyTriggers = """
        DROP TRIGGER IF EXISTS projection_checkpoints_notify ON projection_checkpoints;
        DROP FUNCTION IF EXISTS ledger_notify_projections();
        DROP TRIGGER IF EXISTS events_notify ON events;
        DROP FUNCTION IF EXISTS ledger_notify_events();
        """;
}
