using System.Diagnostics;
using System.Globalization;
using Ledger.Infrastructure.Storage.Projections;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// Each instance's one coordination connection to PostgreSQL, unpooled and long-lived: it LISTENs for
/// commits and checkpoint moves (passed on as <see cref="WakeUps"/>) and, every
/// <see cref="LedgerOptions.LeaderRetryMilliseconds"/> while another instance leads, tries the leader's
/// session-level advisory lock. The lock lives exactly as long as this connection: when it breaks (the
/// server restarted, the network failed, the process died) the server releases the lock and this instance
/// stops leading at once; it then reconnects and tries again like any other. Does nothing on SQLite.
/// </summary>
public sealed class PostgresCoordinator(
    IOptions<LedgerOptions> options,
    ProjectionLeadership leadership,
    ProjectionProgress progress,
    WakeUps wakeUps,
    TimeProvider time,
    ILogger<PostgresCoordinator> logger) : BackgroundService
{
    /// <summary>How long a wait for notifications lasts before the loop looks at the lock again; also how soon a dead socket is noticed at worst (with the keepalive).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.UsesPostgres())
        {
            return;
        }

        var retry = TimeSpan.FromMilliseconds(Math.Max(100, settings.LeaderRetryMilliseconds));
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            // The lock must end with this session, never outlive it in a pool.
            Pooling = false,
            // Noticing a half-open socket while waiting for notifications: Npgsql's keepalive queries.
            KeepAlive = 1,
            ApplicationName = $"ledger-coordinator-{Environment.ProcessId}",
        };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(builder.ConnectionString);
                    await CoordinateAsync(connection, retry, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    Depose();
                    logger.LogWarning("The coordination connection to PostgreSQL failed ({Reason}); reconnecting in {Delay}", exception.Message.ReplaceLineEndings(" "), retry);
                    await Task.Delay(retry, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Depose();
        }
    }

    private async Task CoordinateAsync(NpgsqlConnection connection, TimeSpan retry, CancellationToken stoppingToken)
    {
        connection.Notification += OnNotification;
        await connection.OpenAsync(stoppingToken);
        await ExecuteAsync(connection, $"LISTEN {Coordination.EventsChannel}; LISTEN {Coordination.ProjectionsChannel}", stoppingToken);

        // Anything committed while this instance was not listening is found by re-reading from the checkpoints.
        wakeUps.EventsCommitted.Set();
        wakeUps.ProjectionsMoved.Set();
        // The schedule runs on the machine's clock, not the ledger's (a test may freeze that one).
        var nextTry = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (leadership.Elects && !leadership.IsLeader && Stopwatch.GetTimestamp() >= nextTry)
            {
                await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Coordination.LeaderLockKey})", connection);
                if (await command.ExecuteScalarAsync(stoppingToken) is true)
                {
                    logger.LogWarning("This instance (process {ProcessId}) now applies the projections", Environment.ProcessId);
                    leadership.Lead(time.GetUtcNow());
                    wakeUps.EventsCommitted.Set();
                }

                nextTry = Stopwatch.GetTimestamp() + (long)(retry.TotalSeconds * Stopwatch.Frequency);
            }

            // Throws when the connection breaks: the lock went with it, so the caller steps down before anything else.
            await connection.WaitAsync(Tick, stoppingToken);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        var position = long.TryParse(notification.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
        if (notification.Channel == Coordination.EventsChannel)
        {
            // The leader's own commits are usually projected already; others' need a catch-up.
            if (leadership.IsLeader && progress.Reached >= position)
            {
                return;
            }

            wakeUps.EventsCommitted.Set(position);
        }
        else if (notification.Channel == Coordination.ProjectionsChannel && !leadership.IsLeader)
        {
            wakeUps.ProjectionsMoved.Set(position);
        }
    }

    private void Depose()
    {
        if (leadership.IsLeader && leadership.Elects)
        {
            logger.LogWarning("This instance (process {ProcessId}) no longer applies the projections", Environment.ProcessId);
        }

        leadership.StepDown(time.GetUtcNow());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
