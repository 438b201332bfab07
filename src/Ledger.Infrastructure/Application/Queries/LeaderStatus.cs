using Ledger.Infrastructure.Storage.Postgres;
using Ledger.Infrastructure.Storage.Projections;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>The leader part of the status: this instance's own view, and on PostgreSQL whether another instance leads.</summary>
internal static class LeaderStatus
{
    /// <summary>
    /// Granted advisory locks on the leader's key in this database: held by some instance's coordination
    /// session. A session-level lock shows in <c>pg_locks</c> as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
    /// </summary>
    private static readonly string HeldByAnyone = $"""
        SELECT COUNT(*) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid::bigint = {(uint)(Coordination.LeaderLockKey >> 32)} AND objid::bigint = {(uint)(Coordination.LeaderLockKey & 0xFFFF_FFFF)}
        """;

    public static async Task<ProjectionLeaderView> ReadAsync(
        ProjectionLeadership leadership, SqlEngine engine, IReadOnlyList<ProjectionStatusView> projections, CancellationToken cancellationToken)
    {
        var lagEvents = projections.Count == 0 ? 0 : projections.Max(p => p.LagEvents);
        var lagSeconds = projections.Count == 0 ? 0 : projections.Max(p => p.LagSeconds);
        if (!leadership.Elects)
        {
            return ProjectionLeaderView.Alone with { LagEvents = lagEvents, LagSeconds = lagSeconds };
        }

        var other = false;
        if (!leadership.IsLeader)
        {
            await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
            await using var command = SqlCommands.Create(connection, null, HeldByAnyone);
            other = await command.ScalarInt64Async(cancellationToken) > 0;
        }

        // Looked at again after the query: an instance elected meanwhile saw its own lock, not another's.
        var leading = leadership.IsLeader;
        var since = leadership.ChangedAt;
        other &= !leading;
        return new ProjectionLeaderView(leading, true, other, since, lagEvents, lagSeconds);
    }
}
