namespace Ledger.Infrastructure.Storage.Projections;

/// <summary>
/// The statement that fails a delivery's batch, and with it the batch's implicit transaction, unless a
/// projection's checkpoint reached the delivery's last position (see <see cref="ProjectionRunner.DeliverAsync"/>).
/// Only where writes are batched (PostgreSQL): elsewhere the move's own row count is known at once.
/// The failure is the expected outcome of a race (a repeated or early delivery), so Ledger treats it as a
/// refusal and never logs it above debug; the server logs it as an ERROR with its own code and words.
/// </summary>
public static class CheckpointGuard
{
    /// <summary>The SQLSTATE <c>ledger_require_checkpoint</c> raises: class LR is Ledger's own, not a standard one.</summary>
    public const string RefusedState = "LR001";

    /// <summary>
    /// The function, added by the PostgreSQL migration RequireCheckpointFunction. It names the projection and
    /// both positions, so the server log says what happened rather than "division by zero".
    /// </summary>
    public const string CreateFunction = $$"""
        CREATE FUNCTION ledger_require_checkpoint(projection text, expected bigint) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            actual bigint;
        BEGIN
            SELECT position INTO actual FROM projection_checkpoints WHERE name = projection;
            IF actual IS DISTINCT FROM expected THEN
                RAISE EXCEPTION USING
                    ERRCODE = '{{RefusedState}}',
                    MESSAGE = format('Ledger: delivery to projection %s refused: its checkpoint is at %s, not %s', projection, COALESCE(actual::text, 'none'), expected),
                    HINT = 'Expected when a delivery repeats or arrives before an earlier commit was applied: the projection catches up from the store.';
            END IF;
        END $$;
        """;

    public const string DropFunction = "DROP FUNCTION IF EXISTS ledger_require_checkpoint(text, bigint);";

    /// <summary>
    /// SQLite's form (never run there today, see the class summary): a division by zero, the one error its SQL
    /// can raise without a function of its own; it answers NULL instead, so it would not fail.
    /// </summary>
    private const string PortableSql =
        "SELECT 1 / (SELECT COUNT(*) FROM projection_checkpoints WHERE name = @name AND position = @position)";

    public static string Sql(SqlEngine engine) =>
        engine.Provider == "postgres" ? "SELECT ledger_require_checkpoint(@name, @position)" : PortableSql;

    /// <summary>True when <paramref name="exception"/> is this guard refusing a delivery.</summary>
    public static bool Refused(DbException exception) => exception.SqlState == RefusedState;
}
